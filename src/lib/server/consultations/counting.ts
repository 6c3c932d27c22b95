/**
 * How a poll's ballots become its result, for the four methods. Pure: the ballots in, the
 * tallies and the winners out; the rules for ties are written in docs/decisions/0008-counting.md
 * and never pick a winner by chance or by the options' order.
 *
 * Ballots are options' ids: `single` one, `approval` up to N, `ranked` in order of preference
 * (not necessarily all of them), `score` a score 0–5 for each option.
 */

export type PollMethod = 'single' | 'approval' | 'ranked' | 'score';

export type Ballot =
	| { method: 'single' | 'approval' | 'ranked'; choices: readonly string[] }
	| { method: 'score'; scores: Readonly<Record<string, number>> };

export interface Tally {
	optionId: string;
	/** Ballots for it (single, approval, a ranked round), or its average score (score). */
	value: number;
}

/** One instant-runoff round: the continuing options' votes, and who left after it. */
export interface RunoffRound {
	tallies: Tally[];
	/** Ballots with no continuing option left. */
	exhausted: number;
	eliminated: string[];
}

export interface PollResult {
	method: PollMethod;
	ballots: number;
	/** The final tallies (for ranked: the last round's), highest first, then in the options' order. */
	tallies: Tally[];
	/** Every option that won: more than one is a tie; none for an empty poll. */
	winners: string[];
	rounds: RunoffRound[];
}

const sorted = (options: readonly string[], value: (id: string) => number): Tally[] =>
	options
		.map((optionId, i) => ({ optionId, value: value(optionId), i }))
		.sort((a, b) => b.value - a.value || a.i - b.i)
		.map(({ optionId, value }) => ({ optionId, value }));

const highest = (tallies: Tally[]) => {
	if (!tallies.length || tallies[0].value === 0) return [];
	return tallies.filter((t) => t.value === tallies[0].value).map((t) => t.optionId);
};

/** Counts `ballots` for `options` (their order only orders equal tallies in the output). */
export function countPoll(
	method: PollMethod,
	options: readonly string[],
	ballots: readonly Ballot[]
): PollResult {
	if (method === 'ranked') return instantRunoff(options, ballots);
	if (method === 'score') {
		const sums = new Map(options.map((id) => [id, 0]));
		for (const b of ballots)
			if (b.method === 'score')
				for (const [id, score] of Object.entries(b.scores))
					if (sums.has(id)) sums.set(id, sums.get(id)! + score);
		// The average over every ballot: an option a voter left unscored counts as 0.
		const tallies = sorted(options, (id) =>
			ballots.length ? Math.round((sums.get(id)! / ballots.length) * 100) / 100 : 0
		);
		return { method, ballots: ballots.length, tallies, winners: highest(tallies), rounds: [] };
	}
	const votes = new Map(options.map((id) => [id, 0]));
	for (const b of ballots)
		if (b.method !== 'score')
			for (const id of new Set(b.choices)) if (votes.has(id)) votes.set(id, votes.get(id)! + 1);
	const tallies = sorted(options, (id) => votes.get(id)!);
	return { method, ballots: ballots.length, tallies, winners: highest(tallies), rounds: [] };
}

/**
 * Instant runoff: each round counts every ballot for its most preferred option still in the
 * running; an option with more than half of the ballots not yet exhausted wins; otherwise the
 * option with the fewest votes leaves (ties: see `toEliminate`) and its ballots move on. Each
 * option keeps its pile of ballots, and only the piles of those who leave are read again, so a
 * count reads each ballot about once (100,000 ballots of 10 options: bench/counting.ts).
 */
function instantRunoff(options: readonly string[], ballots: readonly Ballot[]): PollResult {
	const base = { method: 'ranked' as const, ballots: ballots.length };
	const rounds: RunoffRound[] = [];
	if (!ballots.length || !options.length) return { ...base, tallies: [], winners: [], rounds };
	const index = new Map(options.map((id, i) => [id, i]));
	const rankings = ballots.map((b) =>
		b.method === 'score' ? [] : b.choices.map((id) => index.get(id) ?? -1)
	);
	const running = new Array<boolean>(options.length).fill(true);
	const piles: number[][] = options.map(() => []);
	const at = new Int32Array(ballots.length);
	let exhausted = 0;
	// Puts a ballot on the pile of its first choice from `at` on that is still running.
	const place = (ballot: number) => {
		const ranking = rankings[ballot];
		let i = at[ballot];
		while (i < ranking.length && (ranking[i] < 0 || !running[ranking[i]])) i++;
		at[ballot] = i;
		if (i < ranking.length) piles[ranking[i]].push(ballot);
		else exhausted++;
	};
	for (let b = 0; b < ballots.length; b++) place(b);
	for (;;) {
		const tallies = sorted(
			options.filter((_, i) => running[i]),
			(id) => piles[index.get(id)!].length
		);
		const counted = ballots.length - exhausted;
		const round: RunoffRound = { tallies, exhausted, eliminated: [] };
		rounds.push(round);
		if (counted === 0) return { ...base, tallies, winners: [], rounds };
		if (tallies[0].value * 2 > counted)
			return { ...base, tallies, winners: [tallies[0].optionId], rounds };
		const leaving = toEliminate(tallies, rounds);
		// Everyone still in the running is equal, and every earlier round too: a tie.
		if (leaving.length === tallies.length) return { ...base, tallies, winners: leaving, rounds };
		round.eliminated = leaving;
		const moving = leaving.flatMap((id) => piles[index.get(id)!]);
		for (const id of leaving) {
			running[index.get(id)!] = false;
			piles[index.get(id)!] = [];
		}
		for (const ballot of moving) place(ballot);
	}
}

/**
 * The options that leave after a round: those with the fewest votes. A tie among them is broken
 * by the earlier rounds, latest first (who had fewer then leaves); options still equal in every
 * round leave together.
 */
function toEliminate(tallies: Tally[], rounds: RunoffRound[]): string[] {
	const fewest = tallies[tallies.length - 1].value;
	let tied = tallies.filter((t) => t.value === fewest).map((t) => t.optionId);
	for (let r = rounds.length - 2; r >= 0 && tied.length > 1; r--) {
		const then = new Map(rounds[r].tallies.map((t) => [t.optionId, t.value]));
		const least = Math.min(...tied.map((id) => then.get(id) ?? 0));
		tied = tied.filter((id) => (then.get(id) ?? 0) === least);
	}
	return tied;
}
