import { dayOf, fromNetworkTime } from '$lib/shared/format';

type Dated = { start: Date; end: Date };

/** Whether an entry runs over more than one day (in the network's time zone). */
export const spansDays = (e: Dated) => dayOf(e.start) !== dayOf(new Date(e.end.getTime() - 1));

/** A month's days ("2026-12-01"…) in weeks from Monday, with blanks (null) around them. */
export function monthWeeks(month: string): (string | null)[][] {
	const [y, mo] = month.split('-').map(Number);
	const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
	const lead = (new Date(Date.UTC(y, mo - 1, 1)).getUTCDay() + 6) % 7;
	const cells: (string | null)[] = Array(lead).fill(null);
	for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
	while (cells.length % 7) cells.push(null);
	return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** The days of a month's list, each with what happens on it (what began before: on the 1st). */
export function byFirstDay<E extends Dated>(events: E[], month: string): [string, E[]][] {
	const monthStart = fromNetworkTime(`${month}-01T00:00`);
	const byDay = new Map<string, E[]>();
	for (const e of events) {
		const first = e.start < monthStart ? `${month}-01` : dayOf(e.start);
		byDay.set(first, [...(byDay.get(first) ?? []), e]);
	}
	return [...byDay].sort(([a], [b]) => a.localeCompare(b));
}

/** The query string of the same page with some choices changed (empty ones left out). */
export function withChoices(
	current: Record<string, string | undefined>,
	changes: Record<string, string>
): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries({ ...current, ...changes })) if (v) params.set(k, v);
	return `?${params}`;
}
