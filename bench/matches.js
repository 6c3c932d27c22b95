// Matching at scale: suggestions for one need with 100,000 people and 100,000 offers in the
// database, and "needs for me" over 1,000,000 needs, each through Rete's API (p50/p95 of
// sequential calls), with the EXPLAIN ANALYZE plans of the queries the service sends.
// Goal: p95 ≤ 50 ms for both. Needs PostgreSQL (BENCH_DATABASE_URL, default the local one);
// makes its own database and drops it.
// Run: node bench/matches.js [--needs N] [--people N] [--samples N] [--keep]
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import {
	api,
	CITY_SQL,
	dropDatabase,
	freshDatabase,
	ms,
	percentile,
	seed,
	signUpBench,
	startRete,
	verifiedCoordinator
} from './lib.js';

const arg = (n, d) =>
	process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d;
const NEEDS = arg('needs', 1_000_000);
const PEOPLE = arg('people', 100_000);
const OFFERS = arg('offers', PEOPLE);
const SAMPLES = arg('samples', 200);
// --keep leaves the database in place (its address is printed), to study the plans by hand.
const KEEP = process.argv.includes('--keep');
const name = `rete_bench_matches_${process.pid}`;
const url = await freshDatabase(name);
const sql = postgres(url, { max: 2, onnotice: () => {} });
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);
let rete;

try {
	if (
		spawnSync(process.execPath, ['server.js', '--migrate'], {
			env: { ...process.env, DATABASE_URL: url },
			stdio: 'inherit'
		}).status !== 0
	)
		throw new Error('migration failed');
	// A city of 10 districts of 10 neighbourhoods each, before the needs, so they spread over it.
	await sql.unsafe(CITY_SQL);
	await sql.unsafe(`
		insert into skills (name) select 'Competenza ' || g from generate_series(1, 50) g;
		insert into category_skills (category_id, skill_id)
		select c.id, s.id from categories c cross join lateral (select id from skills order by md5(c.id || id::text) limit 3) s;`);
	step(`seeding ${NEEDS} needs`);
	console.log(seed(url, NEEDS));
	step(`${PEOPLE} people, ${OFFERS} offers, claims`);
	await sql.unsafe(`
		create temporary table pick as select
			(select array_agg(id) from territories where depth >= 1) as places,
			(select array_agg(id) from skills) as skills,
			array['mon','tue','wed','thu','fri','sat','sun'] as days,
			array['morning','afternoon','evening'] as parts,
			(select array_agg(id) from categories) as cats;
		insert into users (email, name, password_hash)
		select 'persona' || g || '@bench.example', 'Persona ' || g, 'x' from generate_series(1, ${PEOPLE}) g;
		insert into profiles (user_id, home_territory_id, skill_ids, languages, availability, hidden_from_suggestions)
		select u.id, p.places[1 + floor(random() * array_length(p.places, 1))::int],
			array[p.skills[1 + floor(random() * 50)::int], p.skills[1 + floor(random() * 50)::int], p.skills[1 + floor(random() * 50)::int]],
			case when random() < 0.1 then array['it', 'ar'] when random() < 0.2 then array['it', 'en'] else array['it'] end,
			jsonb_build_object(p.days[1 + floor(random() * 7)::int], jsonb_build_array(p.parts[1 + floor(random() * 3)::int]))
				|| jsonb_build_object(p.days[1 + floor(random() * 7)::int], jsonb_build_array(p.parts[1 + floor(random() * 3)::int])),
			random() < 0.05
		from users u, pick p where u.email like 'persona%@bench.example';
		insert into offers (kind, title, description, category_id, territory_id, skill_ids, availability, capacity, status, author_id)
		select (array['time','skill','goods','space','transport'])[1 + floor(random() * 5)::int], 'Offerta ' || g, 'Do una mano',
			p.cats[1 + floor(random() * array_length(p.cats, 1))::int], p.places[1 + floor(random() * array_length(p.places, 1))::int],
			array[p.skills[1 + floor(random() * 50)::int], p.skills[1 + floor(random() * 50)::int]],
			jsonb_build_object(p.days[1 + floor(random() * 7)::int], jsonb_build_array(p.parts[1 + floor(random() * 3)::int])),
			1 + floor(random() * 5)::int, (array['open','open','open','open','paused','closed'])[1 + floor(random() * 6)::int],
			(select id from users where email = 'persona' || (1 + (g * 7919) % ${PEOPLE}) || '@bench.example')
		from generate_series(1, ${OFFERS}) g, pick p;
		create temporary table helpers as select array_agg(id) as ids from users where email like 'persona%@bench.example';
		insert into claims (need_id, part_id, user_id, slot, status, expires_at, ended_at)
		select n.id, pt.id, h.ids[1 + floor(random() * array_length(h.ids, 1))::int], 1,
			case when n.status = 'in_progress' then 'active' else 'completed' end, now() + interval '3 days',
			case when n.status = 'in_progress' then null else now() end
		from (select id, status from needs where status in ('in_progress', 'fulfilled') limit ${Math.min(40_000, NEEDS)}) n
		join need_parts pt on pt.need_id = n.id, helpers h;`);
	// What autovacuum does to a live database after bulk inserts: statistics, hint bits and the
	// visibility map. Without it the first reads of every row pay for setting hint bits.
	await sql.unsafe('vacuum analyze');
	step('starting Rete');
	rete = await startRete(url, { EMAIL_VERIFICATION: 'off' });
	const { coordinator, org } = await verifiedCoordinator(rete.origin);
	const [[zone], [skill]] = await Promise.all([
		sql`select id from territories where depth = 2 order by name limit 1`,
		sql`select skill_id as id from category_skills where category_id = 'health' limit 1`
	]);
	const need = await api(rete.origin, 'POST', '/api/v1/needs', {
		token: coordinator.token,
		body: {
			title: 'Visita e spesa per signora anziana',
			description: 'Una visita a casa e la spesa del giovedì',
			category: 'health',
			territoryId: zone.id,
			organisationId: org.id,
			claimRule: 'anyone',
			dueDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
			allowDuplicate: true,
			parts: [
				{ title: 'Visita', capacity: 1, requiredSkillId: skill.id },
				{ title: 'Spesa', capacity: 2 }
			]
		}
	});
	if (need.status !== 201) throw new Error(JSON.stringify(need.json));
	const needId = need.json.id ?? need.json.need.id;
	const volunteer = await signUpBench(rete.origin, 'volontario');
	// A volunteer of a verified organisation: a trusted helper, whom most needs admit.
	await sql`insert into memberships (organisation_id, user_id, role) values (${org.id}, ${volunteer.user.id}, 'volunteer')`;
	await sql`insert into profiles (user_id, home_territory_id, skill_ids, languages, availability)
		select ${volunteer.user.id}, ${zone.id}, (select array_agg(skill_id) from category_skills where category_id in ('health', 'food')), array['it', 'ar'],
			'{"mon":["morning"],"tue":["morning","evening"],"thu":["afternoon"],"sat":["morning"]}'::jsonb`;

	const timeIt = async (path, token) => {
		for (let k = 0; k < 10; k++) await api(rete.origin, 'GET', path, { token });
		const times = [];
		let count = 0;
		for (let k = 0; k < SAMPLES; k++) {
			const t0 = performance.now();
			const res = await api(rete.origin, 'GET', path, { token });
			times.push(performance.now() - t0);
			if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.json)}`);
			count = res.json.items.length;
		}
		return { p50: percentile(times, 50), p95: percentile(times, 95), count };
	};
	step(`measuring, ${SAMPLES} sequential calls each`);
	const suggestions = await timeIt(`/api/v1/needs/${needId}/matches`, coordinator.token);
	const forMe = await timeIt('/api/v1/me/matches', volunteer.token);

	const plan = spawnSync(
		'npx',
		['tsx', 'bench/matches-plan.ts', needId, coordinator.user.id, volunteer.user.id],
		{
			env: { ...process.env, DATABASE_URL: url },
			encoding: 'utf8'
		}
	);
	console.log(plan.stdout, plan.stderr);
	const [[counts]] = await Promise.all([
		sql`select (select count(*) from profiles)::int as people, (select count(*) from offers)::int as offers, (select count(*) from needs)::int as needs`
	]);
	console.log(
		`\ndatabase: ${counts.people} profiles, ${counts.offers} offers, ${counts.needs} needs`
	);
	console.log(
		`suggestions for one need (offers and people, ${suggestions.count} items): p50 ${ms(suggestions.p50)}, p95 ${ms(suggestions.p95)} (goal ≤ 50 ms)`
	);
	console.log(
		`needs for me (${forMe.count} items): p50 ${ms(forMe.p50)}, p95 ${ms(forMe.p95)} (goal ≤ 50 ms)`
	);
} finally {
	await rete?.stop();
	await sql.end();
	if (KEEP) console.log(`kept: ${url}`);
	else await dropDatabase(name);
}
