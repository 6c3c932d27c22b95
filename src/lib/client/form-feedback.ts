/**
 * What an action answered, for one form of a page: a success sentence, or an error message with
 * per-field messages and the values typed. Pages with several forms pass the form's name.
 */
export interface Feedback {
	kind: 'success' | 'error';
	text?: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

/**
 * What our actions answer (see `pageForm` and `handleForm` on the server): SvelteKit's generated
 * `ActionData` of a page is a union of these, and is passed as it is.
 */
export interface ActionAnswer {
	form?: string;
	success?: string;
	message?: string;
	fields?: Record<string, string>;
	values?: Record<string, string>;
}

export function feedback(answer: ActionAnswer | null | undefined, name?: string): Feedback {
	const mine = answer && (name === undefined || answer.form === name) ? answer : undefined;
	if (mine?.success) return { kind: 'success', text: mine.success, fields: {}, values: {} };
	return {
		kind: 'error',
		text: mine?.message,
		fields: mine?.fields ?? {},
		values: mine?.values ?? {}
	};
}

/** Whether the answer is a failure to show (an empty feedback is the form before any answer). */
export const failed = (f: Feedback) =>
	f.kind === 'error' && (f.text !== undefined || Object.keys(f.fields).length > 0);

/**
 * `use:enhance`'s answer for a form that keeps what was typed when it was refused and empties
 * once it worked.
 */
export const resetOnSuccess =
	() =>
	async ({
		result,
		update
	}: {
		result: { type: string };
		update: (options?: { reset?: boolean }) => Promise<void>;
	}) =>
		update({ reset: result.type === 'success' });
