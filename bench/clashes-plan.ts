// Run by bench/actions.js (through tsx): the clash query exactly as the service sends it,
// caught with drizzle's logger, then run again under EXPLAIN ANALYZE and printed.
// Usage: DATABASE_URL=… npx tsx bench/clashes-plan.ts <coordinatorId> '<plan as JSON>'
import postgres from 'postgres';
import { findClashes, groundOf, similarActions } from '$lib/server/actions/clashes';
import { actorById } from '$lib/server/auth/actor';
import { configure } from '$lib/server/config';
import { openDatabase, useDatabase } from '$lib/server/db/client';

const [coordinatorId, planJson] = process.argv.slice(2);
const url = process.env.DATABASE_URL!;
configure({ EMAIL_VERIFICATION: 'off', LOG_LEVEL: 'warn' });
const caught: { query: string; params: unknown[] }[] = [];
const handle = await openDatabase({
	databaseUrl: url,
	dataDir: '',
	logger: { logQuery: (query, params) => caught.push({ query, params }) }
});
useDatabase(handle);
const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
	const input = JSON.parse(planJson);
	const plan = {
		...input,
		startsAt: new Date(input.startsAt),
		endsAt: new Date(input.endsAt),
		ground: await groundOf(input.territoryIds)
	};
	const actor = (await actorById(coordinatorId))!;
	await similarActions(actor, plan, await findClashes(actor, plan));
	for (const [label, marker] of [
		['the clash check', 'kind"'],
		['similar titles (the hint)', 'similarity(']
	]) {
		const found = caught.find((c) => c.query.includes('tstzrange') && c.query.includes(marker));
		if (!found) throw new Error(`${label}: query not found`);
		const rows = await sql.unsafe(
			`explain (analyze, buffers) ${found.query}`,
			found.params as postgres.ParameterOrJSON<never>[]
		);
		console.log(`\n--- plan: ${label} ---`);
		for (const r of rows) console.log(r['QUERY PLAN']);
	}
} finally {
	await sql.end();
	await handle.close();
}
