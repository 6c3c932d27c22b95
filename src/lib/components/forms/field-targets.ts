/**
 * The control an error summary's link leads to: a field's input, select or text area, or a
 * group of checkboxes (its fieldset). Browser-only: called from effects and clicks.
 */
export const fieldTarget = (id: string) => document.getElementById(id);

/** The words that name a control: its label, or its group's legend. */
export function labelOf(element: HTMLElement | null): string | undefined {
	if (!element) return undefined;
	const named =
		element instanceof HTMLFieldSetElement
			? element.querySelector('legend')
			: 'labels' in element
				? (element as HTMLInputElement).labels?.[0]
				: null;
	return named?.textContent?.trim() || undefined;
}

/**
 * Moves to a field as GOV.UK's error summary does: opens the "more options" it may sit in,
 * focuses the control (a group's first box) and shows its label above it. False when the page
 * has no such field, so the link's own jump happens instead.
 */
export function focusField(id: string): boolean {
	const element = fieldTarget(id);
	if (!element) return false;
	const details = element.closest('details');
	if (details) details.open = true;
	const control =
		element instanceof HTMLFieldSetElement
			? element.querySelector<HTMLElement>('input, select, textarea')
			: element;
	if (!control) return false;
	control.focus({ preventScroll: true });
	const label =
		element instanceof HTMLFieldSetElement
			? element
			: ((element as HTMLInputElement).labels?.[0] ?? element);
	label.scrollIntoView({ block: 'start' });
	return true;
}
