// The results of a ranked poll with 100,000 ballots and 10 options (goal: ≤ 1 s), beside the
// ballot-by-ballot reference count in the same run, which must give the same winners and rounds.
// Run: npx tsx bench/counting.ts [--ballots 100000] [--options 10] [--runs 5]
import { countPoll } from '$lib/server/consultations/counting';
import { referenceRunoff } from '../tests/helpers/reference-runoff';

const arg = (n: string, d: number) =>
	process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d;
const BALLOTS = arg('ballots', 100_000);
const OPTIONS = arg('options', 10);
const RUNS = arg('runs', 5);

const options = Array.from({ length: OPTIONS }, (_, i) => `proposta-${i + 1}`);
let seed = 20261207;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
// Voters lean towards the first options, rank between one and all of them, often few.
const rankings = Array.from({ length: BALLOTS }, () => {
	const keyed = options.map((id, i) => ({ id, key: random() * (1 + i / 3) }));
	keyed.sort((a, b) => a.key - b.key);
	return keyed.slice(0, 1 + Math.floor(random() ** 2 * OPTIONS)).map((k) => k.id);
});
const ballots = rankings.map((choices) => ({ method: 'ranked' as const, choices }));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = <T>(f: () => T) => {
	const t0 = performance.now();
	const out = f();
	return { out, ms: performance.now() - t0 };
};
const rete: number[] = [];
const reference: number[] = [];
let same = true;
let rounds = 0;
for (let r = 0; r < RUNS; r++) {
	const got = time(() => countPoll('ranked', options, ballots));
	const want = time(() => referenceRunoff(options, rankings));
	rete.push(got.ms);
	reference.push(want.ms);
	rounds = got.out.rounds.length;
	same &&=
		JSON.stringify(got.out.winners) === JSON.stringify(want.out.winners) &&
		JSON.stringify(got.out.rounds.map((x) => [...x.eliminated].sort())) ===
			JSON.stringify(want.out.eliminated);
}
console.log(
	`ranked poll, ${BALLOTS} ballots, ${OPTIONS} options, ${rounds} rounds: Rete ${median(rete).toFixed(1)} ms (max ${Math.max(...rete).toFixed(1)}) | reference ${median(reference).toFixed(1)} ms | ratio ${(median(rete) / median(reference)).toFixed(2)}x | same result: ${same} (goal ≤ 1,000 ms)`
);
if (!same) process.exit(1);
