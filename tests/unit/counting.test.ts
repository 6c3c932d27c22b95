// The four counting methods on cases worked by hand (docs/decisions/0008-counting.md), and the
// instant runoff against a straightforward reference that counts ballot by ballot.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countPoll, type Ballot, type RunoffRound } from '$lib/server/consultations/counting';
import { referenceRunoff } from '../helpers/reference-runoff';

const pick = (method: 'single' | 'approval' | 'ranked', ...lists: string[][]): Ballot[] =>
	lists.map((choices) => ({ method, choices }));
const times = (n: number, choices: string[]) => Array.from({ length: n }, () => choices);

describe('single choice and approval', () => {
	it('counts each ballot once per option, highest first', () => {
		const r = countPoll('single', ['a', 'b', 'c'], pick('single', ['b'], ['a'], ['b']));
		expect(r.tallies).toEqual([
			{ optionId: 'b', value: 2 },
			{ optionId: 'a', value: 1 },
			{ optionId: 'c', value: 0 }
		]);
		expect(r.winners).toEqual(['b']);
	});

	it('approval: an option named twice on a ballot counts once; unknown options are ignored', () => {
		const r = countPoll(
			'approval',
			['orto', 'biblioteca', 'palestra'],
			pick('approval', ['orto', 'biblioteca'], ['orto', 'orto'], ['biblioteca', 'piscina'])
		);
		expect(r.tallies.map((t) => [t.optionId, t.value])).toEqual([
			['orto', 2],
			['biblioteca', 2],
			['palestra', 0]
		]);
		// A tie is a tie: both win, none is picked by its place in the list.
		expect(r.winners).toEqual(['orto', 'biblioteca']);
	});

	it('an empty poll has tallies of zero and no winner', () => {
		for (const method of ['single', 'approval', 'score'] as const) {
			const r = countPoll(method, ['a', 'b'], []);
			expect(r.ballots).toBe(0);
			expect(r.winners).toEqual([]);
			expect(r.tallies.every((t) => t.value === 0)).toBe(true);
		}
		expect(countPoll('ranked', ['a', 'b'], [])).toMatchObject({ winners: [], rounds: [] });
	});
});

describe('score', () => {
	it('averages over every ballot, an unscored option counting 0', () => {
		const ballots: Ballot[] = [
			{ method: 'score', scores: { a: 5, b: 3 } },
			{ method: 'score', scores: { a: 1, b: 3, c: 4 } },
			{ method: 'score', scores: { a: 3, b: 3 } }
		];
		const r = countPoll('score', ['a', 'b', 'c'], ballots);
		expect(r.tallies).toEqual([
			{ optionId: 'a', value: 3 },
			{ optionId: 'b', value: 3 },
			{ optionId: 'c', value: 1.33 }
		]);
		expect(r.winners).toEqual(['a', 'b']);
	});
});

describe('ranked (instant runoff)', () => {
	it('the plurality winner loses the runoff', () => {
		// 8 voters: A first for 3, B first for 3 (then C), C first for 2 (then B).
		// Plurality: A and B tie at 3. Runoff: C leaves, its 2 go to B: B 5, A 3.
		const ballots = pick(
			'ranked',
			...times(3, ['A', 'B']),
			...times(3, ['B', 'C']),
			...times(2, ['C', 'B'])
		);
		// With one more for A, A leads the first count 4–3–2 and still loses.
		ballots.push({ method: 'ranked', choices: ['A'] });
		const r = countPoll('ranked', ['A', 'B', 'C'], ballots);
		expect(r.rounds).toEqual<RunoffRound[]>([
			{
				tallies: [
					{ optionId: 'A', value: 4 },
					{ optionId: 'B', value: 3 },
					{ optionId: 'C', value: 2 }
				],
				exhausted: 0,
				eliminated: ['C']
			},
			{
				tallies: [
					{ optionId: 'B', value: 5 },
					{ optionId: 'A', value: 4 }
				],
				exhausted: 0,
				eliminated: []
			}
		]);
		expect(r.winners).toEqual(['B']);
	});

	it('counts a majority of the ballots still in play, not of all of them', () => {
		// Round 1: A 2, B 2, C 1. C leaves; its ballot ranked nobody else: exhausted.
		// Round 2: A 2, B 2 of 4 still counted: a tie broken by round 1 (equal): a tie.
		const r = countPoll(
			'ranked',
			['A', 'B', 'C'],
			pick('ranked', ['A'], ['A'], ['B'], ['B'], ['C'])
		);
		expect(r.rounds.map((x) => x.exhausted)).toEqual([0, 1]);
		expect(r.winners).toEqual(['A', 'B']);
	});

	it('breaks a tie for last by the earlier rounds, latest first', () => {
		// Round 1: A 4, B 3, C 2, D 2 (C and D tie; no earlier round): both leave together.
		// C's go to B, D's to A… so round 2: A 6, B 5: A wins.
		const ballots = pick(
			'ranked',
			...times(4, ['A']),
			...times(3, ['B']),
			...times(2, ['C', 'B']),
			...times(2, ['D', 'A'])
		);
		const r = countPoll('ranked', ['A', 'B', 'C', 'D'], ballots);
		expect(r.rounds[0].eliminated).toEqual(['C', 'D']);
		expect(r.winners).toEqual(['A']);

		const backwards = pick(
			'ranked',
			...times(5, ['A']),
			...times(4, ['B']),
			...times(3, ['C']),
			...times(1, ['D', 'C']),
			...times(1, ['E', 'A'])
		);
		// Round 1: A 5, B 4, C 3, D 1, E 1: D and E tie with no earlier round: both leave.
		// Round 2: A 6, B 4, C 4 (14 counted): B and C tie; round 1 had C 3 < B 4: C leaves.
		const r2 = countPoll('ranked', ['A', 'B', 'C', 'D', 'E'], backwards);
		expect(r2.rounds.map((x) => x.eliminated)).toEqual([['D', 'E'], ['C'], []]);
		expect(r2.winners).toEqual(['A']);
	});

	it('ignores unknown options and repeats in a ranking', () => {
		const r = countPoll('ranked', ['A', 'B'], pick('ranked', ['Z', 'A', 'A'], ['B', 'Z'], ['A']));
		expect(r.rounds[0].tallies).toEqual([
			{ optionId: 'A', value: 2 },
			{ optionId: 'B', value: 1 }
		]);
		expect(r.winners).toEqual(['A']);
	});

	it('agrees with a ballot-by-ballot reference on any ballots', () => {
		const options = ['a', 'b', 'c', 'd', 'e'];
		const ranking = fc.uniqueArray(fc.constantFrom(...options), { maxLength: 5 });
		fc.assert(
			fc.property(fc.array(ranking, { maxLength: 60 }), (rankings) => {
				const ballots = pick('ranked', ...rankings);
				const got = countPoll('ranked', options, ballots);
				const want = referenceRunoff(options, rankings);
				expect(got.winners.sort()).toEqual(want.winners.sort());
				expect(got.rounds.map((r) => r.eliminated.sort())).toEqual(want.eliminated);
			}),
			{ numRuns: 300 }
		);
	});

	it('agrees with the reference on 20,000 ballots of 10 options (bench/counting.ts: 100,000)', () => {
		const options = Array.from({ length: 10 }, (_, i) => `o${i}`);
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const rankings = Array.from({ length: 20_000 }, () =>
			[...options].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 10))
		);
		const got = countPoll('ranked', options, pick('ranked', ...rankings));
		const want = referenceRunoff(options, rankings);
		expect(got.winners).toEqual(want.winners);
		expect(got.rounds.length).toBeGreaterThan(1);
	});
});
