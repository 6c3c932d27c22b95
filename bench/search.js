// Search and the duplicate check over generated needs (100,000 by default; `--needs 1000000`
// for a million): p50/p95 through Rete's API, next to the same SQL run directly through
// postgres.js in the same run, with the query plans. Goal: p95 ≤ 50 ms, for rare and common words.
// Run: node bench/search.js [--needs N]
import postgres from 'postgres';
import { api, dropDatabase, freshDatabase, ms, percentile, seed, startRete } from './lib.js';

const i = process.argv.indexOf('--needs');
const NEEDS = i === -1 ? 100_000 : Number(process.argv[i + 1]);
const SAMPLES = 100;
const name = `rete_bench_search_${process.pid}`;
const url = await freshDatabase(name);
console.log(seed(url, NEEDS));
const rete = await startRete(url);
const sql = postgres(url, { max: 4, onnotice: () => {} });

async function timeIt(fn) {
	const times = [];
	for (let k = 0; k < SAMPLES; k++) {
		const started = performance.now();
		await fn(k);
		times.push(performance.now() - started);
	}
	return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

// The SQL of Rete's search and duplicate check, as the services build it (for the baseline and the plans).
// Like Rete: a rare word through the GIN index first (fenced), a common one along the board's index.
const searchSql = (q, rare) => [
	`select n.id, n.title from needs n
	where n.visibility = 'public' and n.status = 'open'
	  and ${
			rare
				? `n.id in (select id from (select id from needs where search @@ (websearch_to_tsquery('italian', $1) || websearch_to_tsquery('english', $1)) offset 0) m)`
				: `n.search @@ (websearch_to_tsquery('italian', $1) || websearch_to_tsquery('english', $1))`
		}
	order by (case n.urgency when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end), n.created_at, n.id
	limit 21`,
	[q]
];
const newest = (status) => `(select id, title from needs
	where category_id = 'food' and coalesce(territory_id, '00000000-0000-0000-0000-000000000000'::uuid) = '00000000-0000-0000-0000-000000000000'::uuid
	  and status = '${status}' and created_at > now() - make_interval(days => 90) and visibility = 'public'
	order by created_at desc limit 500)`;
const duplicateSql = (title, description) => [
	`with recent as (${newest('open')} union all ${newest('in_progress')}),
	shortlist as (
		select id, similarity(lower(title), $1) as title_score from recent
		where similarity(lower(title), $1) >= 0.35 order by title_score desc limit 20),
	scored as (
		select n.id, n.title, 0.65 * s.title_score + 0.35 * similarity(lower(left(n.description, 300)), $2) as score
		from shortlist s join needs n on n.id = s.id)
	select id, title, score from scored where score >= 0.4 order by score desc limit 5`,
	[title.toLowerCase(), description.toLowerCase().slice(0, 300)]
];
const run = ([text, params]) => sql.unsafe(text, params);

try {
	const token = (
		await api(rete.origin, 'POST', '/api/v1/auth/signup', {
			body: { email: 'search@bench.example', password: 'benchmark password', name: 'Search' }
		})
	).json.token;
	const words = { common: 'spesa', rare: 'ornitorinco' };
	console.log(
		`search and duplicate check over ${NEEDS} needs (${SAMPLES} samples each), PostgreSQL`
	);
	for (const [kind, q] of Object.entries(words)) {
		const viaRete = await timeIt(() =>
			api(rete.origin, 'GET', `/api/v1/needs?q=${q}&status=open&limit=20`, { token })
		);
		const direct = await timeIt(() => run(searchSql(q, kind === 'rare')));
		console.log(
			`search, ${kind} word "${q}": Rete p50 ${ms(viaRete.p50)} p95 ${ms(viaRete.p95)} | postgres.js p50 ${ms(direct.p50)} p95 ${ms(direct.p95)} | ratio p95 ${(viaRete.p95 / direct.p95).toFixed(2)}x`
		);
	}
	const title = 'Spesa settimanale per anziana sola';
	const description = 'Spesa settimanale vicino al mercato, il giovedì mattina';
	const dupRete = await timeIt(() =>
		api(rete.origin, 'POST', '/api/v1/needs', {
			token,
			body: { title, description, category: 'food' }
		}).then((r) => {
			if (r.status !== 409 && r.status !== 201)
				throw new Error(`duplicate check answered ${r.status}`);
		})
	);
	const dupDirect = await timeIt(() => run(duplicateSql(title, description)));
	console.log(
		`duplicate check (POST, answered 409 or 201): Rete p50 ${ms(dupRete.p50)} p95 ${ms(dupRete.p95)} | postgres.js p50 ${ms(dupDirect.p50)} p95 ${ms(dupDirect.p95)} | ratio p95 ${(dupRete.p95 / dupDirect.p95).toFixed(2)}x`
	);

	for (const [label, query] of [
		['search, rare word', searchSql('ornitorinco', true)],
		['search, common word', searchSql('spesa', false)],
		['duplicate check', duplicateSql(title, description)]
	]) {
		const plan = await sql.unsafe(`explain (analyze, costs off) ${query[0]}`, query[1]);
		console.log(`\nplan: ${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
	}
} finally {
	await sql.end();
	await rete.stop();
	await dropDatabase(name);
}
