// Joint actions at scale, through Rete's HTTP API on PostgreSQL, in one run:
// 1. 500 people sign up at once for a session of capacity 50: exactly 50 confirmed, the rest
//    waiting at 1…450 without gaps; p50/p99 beside the same conditional write done directly
//    through postgres.js (take a place while one is left, else a number in the queue).
// 2. The clash check with 100,000 actions in the database: p50/p95 of a plan refused with
//    409 possible_clash and of one saved (201), with the EXPLAIN ANALYZE of the clash query.
// Goal: p95 ≤ 50 ms for the clash check. Makes its own database and drops it.
// Run: node bench/actions.js [--people 500] [--capacity 50] [--actions 100000] [--samples 200] [--keep]
// --keep leaves the database in place (its address is printed), to study the plans by hand.
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import {
	api,
	CITY_SQL,
	dropDatabase,
	freshDatabase,
	ms,
	percentile,
	signUpBench,
	startRete,
	verifiedCoordinator
} from './lib.js';

const arg = (n, d) =>
	process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d;
const PEOPLE = arg('people', 500);
const CAPACITY = arg('capacity', 50);
const ACTIONS = arg('actions', 100_000);
const SAMPLES = arg('samples', 200);
const KEEP = process.argv.includes('--keep');
const name = `rete_bench_actions_${process.pid}`;
const url = await freshDatabase(name);
const sql = postgres(url, { max: 10, onnotice: () => {} });
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);
let rete;
let coordinatorId;
let planJson;

try {
	rete = await startRete(url, { EMAIL_VERIFICATION: 'off' });
	const signUp = (who) => signUpBench(rete.origin, who);
	const { coordinator, org } = await verifiedCoordinator(rete.origin);
	await sql.unsafe(CITY_SQL);
	// Rete caches the territories: a restart reads the new ones.
	await rete.stop();
	rete = await startRete(url, { EMAIL_VERIFICATION: 'off' });

	// ——— 1. Sign-ups ———
	step(`${PEOPLE} people sign up`);
	const people = [];
	for (let i = 0; i < PEOPLE; i += 10)
		people.push(
			...(await Promise.all(
				Array.from({ length: Math.min(10, PEOPLE - i) }, (_, j) => signUp(`p${i + j}`))
			))
		);
	const [zone] = await sql`select id from territories where depth = 2 order by name limit 1`;
	const soon = (days) => new Date(Date.now() + days * 86_400_000).toISOString();
	const action = (
		await api(rete.origin, 'POST', '/api/v1/actions', {
			token: coordinator.token,
			body: {
				kind: 'event',
				title: 'Incontro sulle truffe agli anziani',
				description: 'In biblioteca',
				leadOrganisationId: org.id,
				territoryIds: [zone.id],
				startsAt: soon(7),
				endsAt: soon(8),
				visibility: 'public'
			}
		})
	).json.action;
	const session = (
		await api(rete.origin, 'POST', `/api/v1/actions/${action.id}/sessions`, {
			token: coordinator.token,
			body: { startsAt: soon(7), endsAt: soon(7.1), place: 'Biblioteca', capacity: CAPACITY }
		})
	).json.session;
	step(`${PEOPLE} sign up at once for ${CAPACITY} places`);
	const reteTimes = [];
	const answers = await Promise.all(
		people.map(async ({ token }) => {
			const t0 = performance.now();
			const res = await api(rete.origin, 'POST', `/api/v1/sessions/${session.id}/signups`, {
				token,
				body: {}
			});
			reteTimes.push(performance.now() - t0);
			if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.json)}`);
			return res.json.signup;
		})
	);
	const confirmed = answers.filter((a) => a.status === 'confirmed').length;
	const positions = answers
		.filter((a) => a.status === 'waitlisted')
		.map((a) => a.position)
		.sort((a, b) => a - b);
	const gapFree = positions.every((p, i) => p === i + 1);
	const listed = (
		await api(rete.origin, 'GET', `/api/v1/sessions/${session.id}/signups`, {
			token: coordinator.token
		})
	).json.items;
	const listedOk =
		listed.filter((s) => s.status === 'confirmed').length === CAPACITY &&
		listed.filter((s) => s.status === 'waitlisted').every((s, i) => s.position === i + 1);
	if (confirmed !== CAPACITY || !gapFree || positions.length !== PEOPLE - CAPACITY || !listedOk)
		throw new Error(`sign-ups: ${confirmed} confirmed, positions gap-free ${gapFree}`);

	// The baseline: the same conditional write straight through postgres.js (pool of 10).
	const [direct] = await sql`
		insert into action_sessions (action_id, starts_at, ends_at, place, capacity)
		values (${action.id}, now() + interval '7 days', now() + interval '8 days', 'Diretta', ${CAPACITY})
		returning id`;
	const directTimes = [];
	const directAnswers = await Promise.all(
		people.map(async () => {
			const t0 = performance.now();
			const [row] = await sql`
				update action_sessions set queue_seq = queue_seq + 1,
					confirmed_count = confirmed_count + (confirmed_count < capacity)::int
				where id = ${direct.id}
				returning confirmed_count, queue_seq`;
			directTimes.push(performance.now() - t0);
			return row;
		})
	);
	const directConfirmed = Math.max(...directAnswers.map((r) => r.confirmed_count));

	// ——— 2. The clash check ———
	step(`seeding ${ACTIONS} actions`);
	await sql.unsafe(`
		insert into organisations (name, kind, status)
		select 'Organizzazione ' || g, 'ngo', 'verified' from generate_series(1, 200) g;
		create temporary table pick as select
			(select array_agg(id) from organisations where name like 'Organizzazione %') as orgs,
			(select array_agg(id) from territories where depth >= 1) as places;
		insert into actions (kind, title, description, lead_organisation_id, starts_at, ends_at, visibility)
		select (array['campaign','distribution','event','service','other'])[1 + floor(random() * 5)::int],
			(array['Distribuzione alimentare','Sportello diritti','Campagna contro le truffe','Ondata di calore','Festa di quartiere'])[1 + floor(random() * 5)::int] || ' ' || g,
			'Azione di quartiere', p.orgs[1 + floor(random() * 200)::int], s, s + (1 + floor(random() * 10)::int) * interval '1 day',
			(array['public','network','partners'])[1 + floor(random() * 3)::int]
		from generate_series(1, ${ACTIONS}) g, pick p,
			lateral (select now() - interval '2 years' + random() * interval '3 years' + g * interval '0 second' as s) t;
		insert into action_territories (action_id, territory_id)
		select a.id, p.places[1 + floor(random() * array_length(p.places, 1))::int] from actions a, pick p
		on conflict do nothing;`);
	await sql.unsafe('vacuum analyze');
	const [district] = await sql`select id from territories where depth = 1 order by name limit 1`;
	const [[busy]] = await Promise.all([
		sql`select a.starts_at, a.ends_at, t.territory_id from actions a join action_territories t on t.action_id = a.id
			where a.kind = 'distribution' and a.visibility <> 'partners' and a.starts_at > now() order by a.starts_at limit 1`
	]);
	const clashing = {
		kind: 'distribution',
		title: 'Distribuzione alimentare di quartiere',
		description: 'Pacchi alimentari',
		leadOrganisationId: org.id,
		territoryIds: [busy.territory_id],
		startsAt: busy.starts_at.toISOString(),
		endsAt: busy.ends_at.toISOString()
	};
	const timeIt = async (body, expected) => {
		const times = [];
		for (let k = 0; k < SAMPLES + 10; k++) {
			const t0 = performance.now();
			const res = await api(rete.origin, 'POST', '/api/v1/actions', {
				token: coordinator.token,
				body: typeof body === 'function' ? body(k) : body
			});
			if (k >= 10) times.push(performance.now() - t0);
			if (res.status !== expected)
				throw new Error(`clash check: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
		}
		return { p50: percentile(times, 50), p95: percentile(times, 95) };
	};
	step(`measuring the clash check, ${SAMPLES} sequential calls each`);
	const refused = await timeIt(clashing, 409);
	// Saved: a whole district, a week ten years ahead (no clash), a new week each time.
	const saved = await timeIt(
		(k) => ({
			...clashing,
			title: `Campagna ${k}`,
			kind: 'campaign',
			territoryIds: [district.id],
			startsAt: new Date(Date.UTC(2036, 0, 1) + k * 7 * 86_400_000).toISOString(),
			endsAt: new Date(Date.UTC(2036, 0, 3) + k * 7 * 86_400_000).toISOString()
		}),
		201
	);
	coordinatorId = coordinator.user.id;
	planJson = JSON.stringify(clashing);
	const plan = spawnSync(
		'npx',
		['tsx', 'bench/clashes-plan.ts', coordinator.user.id, JSON.stringify(clashing)],
		{ env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' }
	);
	console.log(plan.stdout, plan.stderr);

	console.log(
		`\nsign-ups: ${PEOPLE} at once for ${CAPACITY} places: ${confirmed} confirmed, waiting 1…${positions.length} without gaps: ${gapFree && listedOk}`
	);
	const [rp50, rp99, dp50, dp99] = [
		percentile(reteTimes, 50),
		percentile(reteTimes, 99),
		percentile(directTimes, 50),
		percentile(directTimes, 99)
	];
	console.log(
		`Rete p50 ${ms(rp50)} p99 ${ms(rp99)} | postgres.js p50 ${ms(dp50)} p99 ${ms(dp99)} (confirmed ${directConfirmed}) | ratio p50 ${(rp50 / dp50).toFixed(2)}x p99 ${(rp99 / dp99).toFixed(2)}x`
	);
	const [count] = await sql`select count(*)::int as n from actions`;
	console.log(
		`clash check over ${count.n} actions: refused (409 possible_clash) p50 ${ms(refused.p50)}, p95 ${ms(refused.p95)}; saved (201) p50 ${ms(saved.p50)}, p95 ${ms(saved.p95)} (goal p95 ≤ 50 ms)`
	);
} finally {
	await rete?.stop();
	await sql.end();
	if (KEEP) console.log(`kept: ${url} (coordinator ${coordinatorId}, plan ${planJson})`);
	else await dropDatabase(name);
}
