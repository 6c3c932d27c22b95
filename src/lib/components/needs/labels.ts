import { m } from '$lib/paraglide/messages';

const urgencies = {
	low: () => m.urgency_low(),
	normal: () => m.urgency_normal(),
	high: () => m.urgency_high(),
	critical: () => m.urgency_critical()
};
const statuses = {
	open: () => m.status_open(),
	in_progress: () => m.status_in_progress(),
	fulfilled: () => m.status_fulfilled(),
	closed: () => m.status_closed()
};

export const urgencyLabel = (u: keyof typeof urgencies) => urgencies[u]();
export const statusLabel = (s: keyof typeof statuses) => statuses[s]();
export const urgencyOptions = () =>
	(Object.keys(urgencies) as (keyof typeof urgencies)[]).map((u) => ({
		value: u,
		label: urgencyLabel(u)
	}));

/** A category's label in the page's language. */
export function categoryLabel(
	categories: { id: string; labelIt: string; labelEn: string }[],
	id: string,
	locale: string
) {
	const c = categories.find((x) => x.id === id);
	return c ? (locale === 'en' ? c.labelEn : c.labelIt) : id;
}
