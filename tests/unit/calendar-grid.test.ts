// The calendar page's month: weeks from Monday, the list's days, the same-page links; and the
// months either side, across a year's end and a change of clocks.
import { describe, expect, it } from 'vitest';
import { byFirstDay, monthWeeks, spansDays, withChoices } from '$lib/components/actions/calendar';
import { formatMonth, monthBounds, weekdayNames } from '$lib/shared/format';

describe('the calendar month', () => {
	it('lays December 2026 out from Monday 30 November', () => {
		const weeks = monthWeeks('2026-12');
		expect(weeks).toHaveLength(5);
		expect(weeks[0]).toEqual([null, ...[1, 2, 3, 4, 5, 6].map((d) => `2026-12-0${d}`)]);
		expect(weeks[4].slice(0, 4)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
		expect(weeks.flat().filter(Boolean)).toHaveLength(31);
		expect(weeks.every((w) => w.length === 7)).toBe(true);
	});

	it('gives months either side and their first moments in Rome', () => {
		const dec = monthBounds('2026-12');
		expect([dec.previous, dec.next]).toEqual(['2026-11', '2027-01']);
		expect(dec.from.toISOString()).toBe('2026-11-30T23:00:00.000Z');
		expect(dec.to.toISOString()).toBe('2026-12-31T23:00:00.000Z');
		// March: winter time at its start, summer time at April's.
		const march = monthBounds('2027-03');
		expect(march.from.toISOString()).toBe('2027-02-28T23:00:00.000Z');
		expect(march.to.toISOString()).toBe('2027-03-31T22:00:00.000Z');
		expect(formatMonth('2026-12', 'it')).toBe('dicembre 2026');
		expect(weekdayNames('en')[0]).toBe('Mon');
	});

	it('lists each entry on its first day, what began before on the 1st', () => {
		const at = (iso: string) => new Date(iso);
		const campaign = { start: at('2026-11-20T08:00:00Z'), end: at('2026-12-20T18:00:00Z') };
		const talk = { start: at('2026-12-15T16:00:00Z'), end: at('2026-12-15T17:30:00Z') };
		expect(byFirstDay([talk, campaign], '2026-12')).toEqual([
			['2026-12-01', [campaign]],
			['2026-12-15', [talk]]
		]);
		expect(spansDays(campaign)).toBe(true);
		expect(spansDays(talk)).toBe(false);
		// Until midnight is still the same day.
		expect(spansDays({ start: at('2026-12-15T08:00:00Z'), end: at('2026-12-15T23:00:00Z') })).toBe(
			false
		);
	});

	it('keeps the other choices in the links, leaving the empty ones out', () => {
		expect(
			withChoices({ kind: 'event', territoryId: undefined, view: 'list' }, { month: '2027-01' })
		).toBe('?kind=event&view=list&month=2027-01');
	});
});
