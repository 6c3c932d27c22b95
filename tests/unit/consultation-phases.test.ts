// A consultation's current phase: by its dates, or moved by hand until the next start date.
import { describe, expect, it } from 'vitest';
import { currentPhase, opensAt, type Phase } from '$lib/server/consultations/phases';

const day = (d: number) => new Date(Date.UTC(2027, 2, d, 9));
const phases: Phase[] = [
	{ kind: 'information', startsAt: day(1), endsAt: day(5) },
	{ kind: 'proposals', startsAt: day(5), endsAt: day(12) },
	// A gap of two days between proposals and supports.
	{ kind: 'supports', startsAt: day(14), endsAt: day(20) },
	{ kind: 'voting', startsAt: day(20), endsAt: day(27) },
	{ kind: 'results', startsAt: day(27), endsAt: day(31) }
];

describe('the current phase', () => {
	it('follows the dates: the first before it starts, the last started one after', () => {
		expect(currentPhase(phases, null, day(0))).toBe('information');
		expect(currentPhase(phases, null, day(5))).toBe('proposals');
		expect(currentPhase(phases, null, day(13))).toBe('proposals');
		expect(currentPhase(phases, null, day(21))).toBe('voting');
		expect(currentPhase(phases, null, new Date(Date.UTC(2028, 0, 1)))).toBe('results');
	});

	it('a move by hand holds until the next start date after it, then the dates take over', () => {
		// Voting opened early on the 16th: it holds through the 20th (voting's own start) until
		// the results' start on the 27th.
		const early = { kind: 'voting' as const, at: day(16) };
		expect(currentPhase(phases, early, day(16))).toBe('voting');
		expect(currentPhase(phases, early, day(19))).toBe('voting');
		expect(currentPhase(phases, early, day(27))).toBe('results');
		// Proposals kept open on the 15th (supports began on the 14th): until the next start
		// date after the move, voting's on the 20th.
		const longer = { kind: 'proposals' as const, at: day(15) };
		expect(currentPhase(phases, longer, day(18))).toBe('proposals');
		expect(currentPhase(phases, longer, day(20))).toBe('voting');
	});

	it('ignores a move to a phase the consultation does not have', () => {
		const short = phases.filter((p) => p.kind !== 'supports');
		expect(currentPhase(short, { kind: 'supports', at: day(15) }, day(15))).toBe('proposals');
	});

	it('says when a closed phase opens', () => {
		expect(opensAt(phases, 'voting', null, day(15))).toEqual(day(20));
		expect(opensAt(phases, 'voting', null, day(21))).toBeNull();
		expect(opensAt(phases, 'proposals', null, day(21))).toBeNull();
	});
});
