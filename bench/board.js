// The board page (server-rendered /needs, signed in) under 25 keep-alive connections, next to a
// bare node:http server that runs the same query through postgres.js and renders the same rows as
// plain HTML, in the same run. Prints requests per second and p99 of each, and the ratio.
// Goal: Rete ≥ 0.3× the bare server. Run: node bench/board.js [--needs N] [--seconds S]
// Also measured, as ceilings: Rete's lightest page (/login signed out: no database at all) and its
// lightest signed-in page (/notifications/settings: the session and one one-row query). The board
// is for signed-in people, so it cannot be faster than the second.
import http from 'node:http';
import postgres from 'postgres';
import { api, dropDatabase, freePort, freshDatabase, load, ms, seed, startRete } from './lib.js';

const arg = (n, d) =>
	process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d;
const NEEDS = arg('needs', 10_000);
const SECONDS = arg('seconds', 10);
const name = `rete_bench_board_${process.pid}`;
const url = await freshDatabase(name);
console.log(seed(url, NEEDS));
const rete = await startRete(url);
const sql = postgres(url, { max: 10, onnotice: () => {} });

// The board's first page as Rete builds it: open public needs, most urgent first, with names and parts.
const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const bare = http.createServer(async (_req, res) => {
	const rows = await sql`
		select n.id, n.title, n.urgency, n.status, n.category_id, n.capacity, t.name as territory, o.name as organisation,
			(select count(*) from claims c where c.need_id = n.id and c.status = 'active')::int as claimed
		from needs n left join territories t on t.id = n.territory_id left join organisations o on o.id = n.organisation_id
		where n.visibility = 'public' and n.status = 'open'
		order by (case n.urgency when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end), n.created_at, n.id
		limit 21`;
	const items = rows
		.slice(0, 20)
		.map(
			(r) =>
				`<li><article><h2><a href="/needs/${r.id}">${escape(r.title)}</a></h2><p>${escape(r.category_id)} ${escape(r.urgency)} ${escape(r.status)}</p><p>${r.claimed} / ${r.capacity} ${escape(r.territory)} ${escape(r.organisation)}</p></article></li>`
		)
		.join('');
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
	res.end(
		`<!doctype html><html lang="it"><head><title>Richieste</title></head><body><main><h1>Richieste di aiuto</h1><ul>${items}</ul></main></body></html>`
	);
});
const barePort = await freePort();
await new Promise((r) => bare.listen(barePort, '127.0.0.1', r));

try {
	const token = (
		await api(rete.origin, 'POST', '/api/v1/auth/signup', {
			body: { email: 'board@bench.example', password: 'benchmark password', name: 'Board' }
		})
	).json.token;
	const cookie = `rete_session=${token}`;
	// Warm both up, then measure each alone on the same machine.
	await load(`${rete.origin}/needs`, { connections: 5, durationMs: 1500, headers: { cookie } });
	await load(`http://127.0.0.1:${barePort}/`, { connections: 5, durationMs: 1500 });
	const reteResult = await load(`${rete.origin}/needs`, {
		connections: 25,
		durationMs: SECONDS * 1000,
		headers: { cookie }
	});
	const bareResult = await load(`http://127.0.0.1:${barePort}/`, {
		connections: 25,
		durationMs: SECONDS * 1000
	});
	const ceiling = async (path, headers = {}) => {
		await load(`${rete.origin}${path}`, { connections: 5, durationMs: 1500, headers });
		return load(`${rete.origin}${path}`, { connections: 25, durationMs: SECONDS * 1000, headers });
	};
	const signedOut = await ceiling('/login');
	const signedIn = await ceiling('/notifications/settings', { cookie });
	console.log(`board page over ${NEEDS} needs, 25 connections, ${SECONDS} s each`);
	console.log(
		`Rete /needs: ${reteResult.rps.toFixed(0)} req/s, p50 ${ms(reteResult.p50)}, p99 ${ms(reteResult.p99)}, errors ${reteResult.errors}`
	);
	console.log(
		`bare node:http: ${bareResult.rps.toFixed(0)} req/s, p50 ${ms(bareResult.p50)}, p99 ${ms(bareResult.p99)}, errors ${bareResult.errors}`
	);
	console.log(
		`ratio (Rete / bare): ${(reteResult.rps / bareResult.rps).toFixed(2)}x requests per second`
	);
	for (const [what, result] of [
		["Rete's lightest page (/login signed out, no database)", signedOut],
		["Rete's lightest signed-in page (/notifications/settings)", signedIn]
	])
		console.log(
			`${what}: ${result.rps.toFixed(0)} req/s, p99 ${ms(result.p99)}, errors ${result.errors}; ${(result.rps / bareResult.rps).toFixed(2)}x bare`
		);
} finally {
	bare.close();
	await sql.end();
	await rete.stop();
	await dropDatabase(name);
}
