// 200 requests for one offer of capacity 3 are accepted at the same instant, through Rete's
// HTTP API, and the same conditional write (take a unit while one is left) is done directly
// through postgres.js in the same run. Prints p50/p99 of each, the accepted count (must equal
// the capacity) and the ratio: the cost of Rete's stack on the capacity invariant.
// Run: node bench/offers.js   (needs PostgreSQL; BENCH_DATABASE_URL to point elsewhere)
import postgres from 'postgres';
import { api, dropDatabase, freshDatabase, ms, percentile, startRete } from './lib.js';

const REQUESTERS = 200;
const CAPACITY = 3;
const ROUNDS = 3;
const name = `rete_bench_offers_${process.pid}`;
const url = await freshDatabase(name);
// People ask for offers only with a proved address: the benchmark's are taken as proved.
const rete = await startRete(url, { EMAIL_VERIFICATION: 'off' });
const signUp = async (n) =>
	(
		await api(rete.origin, 'POST', '/api/v1/auth/signup', {
			body: { email: `p${n}@bench.example`, password: 'benchmark password', name: `P${n}` }
		})
	).json.token;

try {
	const author = await signUp('author');
	const requesters = [];
	for (let i = 0; i < REQUESTERS; i += 10)
		requesters.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => signUp(i + j)))));

	const rete200 = [];
	const direct200 = [];
	let reteAccepted = 0;
	let directAccepted = 0;
	for (let round = 0; round < ROUNDS; round++) {
		const offer = (
			await api(rete.origin, 'POST', '/api/v1/offers', {
				token: author,
				body: {
					kind: 'transport',
					title: `Bench ${round}`,
					description: 'x',
					category: 'other',
					capacity: CAPACITY
				}
			})
		).json.offer;
		const requests = [];
		for (let i = 0; i < REQUESTERS; i += 20)
			requests.push(
				...(await Promise.all(
					requesters.slice(i, i + 20).map(
						async (token) =>
							(
								await api(rete.origin, 'POST', `/api/v1/offers/${offer.id}/requests`, {
									token,
									body: {}
								})
							).json.request?.id ?? Promise.reject(new Error('request refused'))
					)
				))
			);
		const statuses = await Promise.all(
			requests.map(async (id) => {
				const started = performance.now();
				const res = await api(rete.origin, 'POST', `/api/v1/offer-requests/${id}`, {
					token: author,
					body: { decision: 'accept' }
				});
				rete200.push(performance.now() - started);
				return res.status;
			})
		);
		const won = statuses.filter((s) => s === 200).length;
		const other = statuses.filter((s) => s !== 200 && s !== 409);
		const stored = (await api(rete.origin, 'GET', `/api/v1/offers/${offer.id}`, { token: author }))
			.json.offer.acceptedCount;
		if (won !== CAPACITY || stored !== CAPACITY || other.length)
			throw new Error(`Rete: ${won} accepted (${stored} stored), unexpected ${other}`);
		reteAccepted += won;

		// The baseline: the same conditional update straight through postgres.js (same pool size).
		const sql = postgres(url, { max: 10, onnotice: () => {} });
		const [direct] = await sql`
			insert into offers (kind, title, description, category_id, capacity, author_id)
			select 'transport', 'direct', 'x', 'other', ${CAPACITY}, author_id from offers
			where id = ${offer.id} returning id`;
		const results = await Promise.all(
			requests.map(async () => {
				const started = performance.now();
				const rows = await sql`
					update offers set accepted_count = accepted_count + 1, updated_at = now()
					where id = ${direct.id} and status = 'open' and accepted_count < capacity
						and (until is null or until >= current_date)
					returning id`;
				direct200.push(performance.now() - started);
				return rows.length > 0;
			})
		);
		directAccepted += results.filter(Boolean).length;
		await sql.end();
	}

	const [rp50, rp99, dp50, dp99] = [
		percentile(rete200, 50),
		percentile(rete200, 99),
		percentile(direct200, 50),
		percentile(direct200, 99)
	];
	console.log(
		`offers: ${REQUESTERS} requests accepted at once on an offer of capacity ${CAPACITY}, ${ROUNDS} rounds, PostgreSQL`
	);
	console.log(
		`Rete p50 ${ms(rp50)} p99 ${ms(rp99)}, accepted ${reteAccepted}/${CAPACITY * ROUNDS} | ` +
			`postgres.js p50 ${ms(dp50)} p99 ${ms(dp99)}, accepted ${directAccepted}/${CAPACITY * ROUNDS} | ` +
			`ratio p50 ${(rp50 / dp50).toFixed(2)}x p99 ${(rp99 / dp99).toFixed(2)}x`
	);
} finally {
	await rete.stop();
	await dropDatabase(name);
}
