// 200 volunteers claim one need at the same instant, through Rete's HTTP API, and the same
// conditional write is done directly through postgres.js in the same run. Prints p50/p99 of
// each, the winners (must equal the capacity), and the ratio: the cost of Rete's stack.
// Run: node bench/claims.js   (needs PostgreSQL; BENCH_DATABASE_URL to point elsewhere)
import postgres from 'postgres';
import { api, dropDatabase, freshDatabase, ms, percentile, startRete } from './lib.js';

const VOLUNTEERS = 200;
const ROUNDS = 3;
const name = `rete_bench_claims_${process.pid}`;
const url = await freshDatabase(name);
const rete = await startRete(url, { CLAIM_CAP: '100' });

try {
	const author = (
		await api(rete.origin, 'POST', '/api/v1/auth/signup', {
			body: { email: 'author@bench.example', password: 'benchmark password', name: 'Author' }
		})
	).json;
	const volunteers = [];
	for (let i = 0; i < VOLUNTEERS; i += 10) {
		const batch = await Promise.all(
			Array.from({ length: 10 }, (_, j) =>
				api(rete.origin, 'POST', '/api/v1/auth/signup', {
					body: {
						email: `v${i + j}@bench.example`,
						password: 'benchmark password',
						name: `V${i + j}`
					}
				})
			)
		);
		volunteers.push(...batch.map((r) => r.json.token));
	}

	const rows = [];
	for (const capacity of [1, 10]) {
		const rete200 = [];
		const direct200 = [];
		let reteWinners = 0;
		let directWinners = 0;
		for (let round = 0; round < ROUNDS; round++) {
			const need = (
				await api(rete.origin, 'POST', '/api/v1/needs', {
					token: author.token,
					body: {
						title: `Bench ${capacity} ${round} ${crypto.randomUUID()}`,
						description: 'x',
						category: 'other',
						capacity,
						allowDuplicate: true
					}
				})
			).json.need;
			const results = await Promise.all(
				volunteers.map(async (token) => {
					const started = performance.now();
					const res = await api(rete.origin, 'POST', `/api/v1/needs/${need.id}/claims`, {
						token,
						body: {}
					});
					rete200.push(performance.now() - started);
					return res.status;
				})
			);
			const won = results.filter((s) => s === 201).length;
			const other = results.filter((s) => s !== 201 && s !== 409);
			if (won !== capacity || other.length)
				throw new Error(`Rete: ${won} winners at capacity ${capacity}, unexpected ${other}`);
			reteWinners += won;

			// The baseline: the same conditional write, straight through postgres.js (same pool size).
			const sql = postgres(url, { max: 10, onnotice: () => {} });
			const [part] = await sql`
				insert into need_parts (need_id, title, capacity) values (${need.id}, 'direct', ${capacity}) returning id`;
			const users = await sql`select id from users order by id limit ${VOLUNTEERS}`;
			const directResults = await Promise.all(
				users.map(async ({ id }) => {
					const started = performance.now();
					let won = false;
					try {
						const rows = await sql`
							insert into claims (need_id, part_id, user_id, slot, expires_at)
							select ${need.id}, ${part.id}, ${id}, s.slot, now() + interval '72 hours'
							from generate_series(1, ${capacity}) as s(slot)
							where not exists (select 1 from claims c where c.part_id = ${part.id} and c.slot = s.slot and c.status = 'active')
							order by s.slot limit 1
							returning id`;
						won = rows.length > 0;
					} catch (error) {
						if (error.code !== '23505') throw error;
					}
					direct200.push(performance.now() - started);
					return won;
				})
			);
			directWinners += directResults.filter(Boolean).length;
			await sql.end();
		}
		rows.push({ capacity, rete200, direct200, reteWinners, directWinners });
	}

	console.log(
		`claims: ${VOLUNTEERS} volunteers at once, ${ROUNDS} rounds per capacity, PostgreSQL`
	);
	for (const r of rows) {
		const [rp50, rp99, dp50, dp99] = [
			percentile(r.rete200, 50),
			percentile(r.rete200, 99),
			percentile(r.direct200, 50),
			percentile(r.direct200, 99)
		];
		console.log(
			`capacity ${r.capacity}: Rete p50 ${ms(rp50)} p99 ${ms(rp99)}, winners ${r.reteWinners}/${r.capacity * ROUNDS} | ` +
				`postgres.js p50 ${ms(dp50)} p99 ${ms(dp99)}, winners ${r.directWinners}/${r.capacity * ROUNDS} | ` +
				`ratio p50 ${(rp50 / dp50).toFixed(2)}x p99 ${(rp99 / dp99).toFixed(2)}x`
		);
	}
} finally {
	await rete.stop();
	await dropDatabase(name);
}
