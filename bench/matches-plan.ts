// Run by bench/matches.js (through tsx): the matching queries exactly as the service sends them,
// caught with drizzle's logger, then run again under EXPLAIN ANALYZE and printed.
// Usage: DATABASE_URL=… npx tsx bench/matches-plan.ts <needId> <coordinatorId> <volunteerId>
import postgres from 'postgres';
import { actorById } from '$lib/server/auth/actor';
import { configure } from '$lib/server/config';
import { openDatabase, useDatabase } from '$lib/server/db/client';
import { myMatches, needMatches } from '$lib/server/matching/service';

const [needId, coordinatorId, volunteerId] = process.argv.slice(2);
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
const explain = async (label: string, matches: (q: string) => boolean) => {
	const found = caught.find((c) => matches(c.query));
	if (!found) return console.log(`${label}: query not found`);
	const rows = await sql.unsafe(
		`explain (analyze, buffers) ${found.query}`,
		found.params as postgres.ParameterOrJSON<never>[]
	);
	console.log(`\n--- plan: ${label} ---`);
	for (const r of rows) console.log(r['QUERY PLAN']);
};
try {
	const coordinator = (await actorById(coordinatorId))!;
	const volunteer = (await actorById(volunteerId))!;
	await needMatches(coordinator, needId);
	await explain('suggestions for a need, people', (q) => q.includes('p.user_id <> all'));
	await explain('suggestions for a need, offers', (q) =>
		q.includes('o.accepted_count < o.capacity')
	);
	caught.length = 0;
	await myMatches(volunteer);
	await explain('needs for me', (q) => q.includes('pp.open_to_me'));
} finally {
	await sql.end();
	await handle.close();
}
