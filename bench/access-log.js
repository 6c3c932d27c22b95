// What the access log costs a read, through Rete's HTTP API on PostgreSQL, in one run. 200
// helpers each hold a claim on one of ten requests with a contact; all of them read their
// request at once. The first reading of the hour writes its access-log line before the answer
// leaves (docs/privacy.md); a second reading in the same hour writes nothing. Beside them, in
// the same run, the requests' authors read their own requests (no line: it is their own data).
// Prints p50/p95/p99 of each round and the ratios; checks that exactly one line per helper was
// written. An unmeasured warm-up first. Makes its own database and drops it (also on failure).
// Run: node bench/access-log.js [--helpers 200]
import postgres from 'postgres';
import { api, dropDatabase, freshDatabase, ms, percentile, signUpBench, startRete } from './lib.js';

const arg = (n, d) =>
	process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d;
const HELPERS = arg('helpers', 200);
const NEEDS = 10;
const RUN_LIMIT = 10 * 60_000;

const name = `rete_bench_access_log_${process.pid}`;
const url = await freshDatabase(name);
const sql = postgres(url, { max: 2, onnotice: () => {} });
const failures = [];
const check = (ok, what) => {
	console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
};
let rete;
const cleanUp = async () => {
	await rete?.stop();
	await sql.end({ timeout: 5 });
	await dropDatabase(name);
};
const watchdog = setTimeout(async () => {
	console.error(`stopped after ${RUN_LIMIT / 60_000} minutes`);
	await cleanUp();
	process.exit(2);
}, RUN_LIMIT);

/** Every reader reads their request at once; the time of each answer, in milliseconds. */
async function round(readers) {
	return Promise.all(
		readers.map(async ({ token, needId }) => {
			const start = performance.now();
			const res = await api(rete.origin, 'GET', `/api/v1/needs/${needId}`, { token });
			if (res.status !== 200 || res.json.need.contact === undefined)
				throw new Error(`read answered ${res.status} without the contact`);
			return performance.now() - start;
		})
	);
}

const line = (label, times) =>
	`${label.padEnd(44)} p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}`;

try {
	rete = await startRete(url, { PASSWORD_HASH: 'fast', EMAIL_VERIFICATION: 'off' });
	const authors = [];
	for (let i = 0; i < NEEDS; i++) authors.push(await signUpBench(rete.origin, `autrice${i}`));
	const needs = [];
	for (const [i, author] of authors.entries()) {
		const res = await api(rete.origin, 'POST', '/api/v1/needs', {
			token: author.token,
			body: {
				title: `Spesa settimanale numero ${i}`,
				description: 'Pane, latte, frutta.',
				category: 'food',
				claimRule: 'anyone',
				capacity: Math.ceil(HELPERS / NEEDS),
				contact: `Autrice ${i}, 333 000 ${String(i).padStart(4, '0')}`,
				allowDuplicate: true
			}
		});
		needs.push(res.json.need.id);
	}
	const helpers = [];
	for (let i = 0; i < HELPERS; i++) {
		const helper = await signUpBench(rete.origin, `aiutante${i}`);
		const needId = needs[i % NEEDS];
		const claimed = await api(rete.origin, 'POST', `/api/v1/needs/${needId}/claims`, {
			token: helper.token,
			body: {}
		});
		if (claimed.status !== 201) throw new Error(`claim answered ${claimed.status}`);
		helpers.push({ token: helper.token, needId });
	}
	const owners = authors.flatMap((a, i) =>
		Array.from({ length: HELPERS / NEEDS }, () => ({ token: a.token, needId: needs[i] }))
	);
	console.log(
		`${HELPERS} helpers on ${NEEDS} requests; ${owners.length} readings by their authors`
	);

	// Warm-up: the authors' reads (they write nothing), unmeasured.
	await round(owners);
	const own = await round(owners);
	const first = await round(helpers);
	const again = await round(helpers);
	const ownAfter = await round(owners);

	console.log(line('authors (no line written)', own));
	console.log(line("helpers' first reading (one line each)", first));
	console.log(line("helpers' second reading (already written)", again));
	console.log(line('authors again (no line written)', ownAfter));
	const base = [...own, ...ownAfter];
	const ratio = (times, p) => (percentile(times, p) / percentile(base, p)).toFixed(2);
	console.log(
		`first reading vs authors: p50 ${ratio(first, 50)}×, p99 ${ratio(first, 99)}×; ` +
			`second reading vs authors: p50 ${ratio(again, 50)}×, p99 ${ratio(again, 99)}×`
	);

	const [{ lines }] = await sql`select count(*)::int as lines from data_access_log`;
	check(lines === HELPERS, `one access-log line per helper (${lines} of ${HELPERS})`);
} catch (error) {
	failures.push(String(error));
	console.error(error);
} finally {
	clearTimeout(watchdog);
	await cleanUp();
}
process.exit(failures.length ? 1 : 0);
