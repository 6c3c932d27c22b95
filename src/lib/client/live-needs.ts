import type { NeedView } from '$lib/shared/views/needs';
import { summarise, type NeedSummaryView } from '$lib/shared/need-summary';

export interface BoardFilters {
	/** One status, or `all`. */
	status?: string;
	category?: string;
	urgency?: string;
	q?: string;
	/** Not judged here: the board's room brings only the needs of this territory. */
	territoryId?: string;
}

/** Whether a need belongs in a list with these filters (a text query cannot be judged here). */
export function matchesFilters(need: NeedSummaryView, filters: BoardFilters): boolean {
	const status = filters.status === 'all' ? undefined : filters.status;
	if (status && need.status !== status) return false;
	if (filters.category && need.category !== filters.category) return false;
	if (filters.urgency && need.urgency !== filters.urgency) return false;
	return true;
}

/** The list after an event: updated in place, added, or removed when it no longer matches. */
export function applyNeedEvent(
	items: NeedSummaryView[],
	event: NeedView,
	filters: BoardFilters,
	created: boolean
): NeedSummaryView[] {
	const need = summarise(event);
	const fits = matchesFilters(need, filters) && !filters.q;
	const index = items.findIndex((n) => n.id === need.id);
	if (index === -1) return fits && created ? [need, ...items] : items;
	if (!matchesFilters(need, filters)) return items.filter((n) => n.id !== need.id);
	return items.map((n) => (n.id === need.id ? need : n));
}
