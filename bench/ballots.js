// Ballots under a crowd, through Rete's HTTP API on PostgreSQL, in one run: 1,000 people cast
// a ranked ballot on one poll at once, and 50 of them cast a second one in the same moment.
// Exactly one ballot is counted per person: in an anonymous poll the second is refused (409
// already_voted), in a poll that is not anonymous it replaces the first (201). Checked against
// the stored rows and the poll's results. p50/p95/p99 beside the same upsert done directly
// through postgres.js (N + 50 callers at once on a pool of 10, Rete's own pool size; for the
// anonymous poll with the insert of the ballot, in one transaction, as Rete does it).
// An anonymous poll, then one that is not, after an unmeasured warm-up of both paths.
// Exits non-zero if a check fails. Makes its own database and drops it (also on failure).
// Run: node bench/ballots.js [--people 1000] [--twice 50] [--concurrency N] [--keep]
// --concurrency: requests in flight at once in a wave; default all of them (people + twice).
// --keep leaves the database in place (its address is printed).
import postgres from 'postgres';
import {
	api,
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
const PEOPLE = arg('people', 1000);
const TWICE = Math.min(arg('twice', 50), PEOPLE);
const CONCURRENCY = arg('concurrency', PEOPLE + TWICE);
const KEEP = process.argv.includes('--keep');
// Rete's pool (src/lib/server/db/client.ts: `max: options.poolSize ?? 10`, never set otherwise).
const POOL = 10;
// No request waits longer than this, and the whole run is stopped after RUN_LIMIT.
const REQUEST_LIMIT = 60_000;
const RUN_LIMIT = 10 * 60_000;
const OPTIONS = ['Biblioteca', 'Giardino', 'Ciclabile', 'Campo da calcio', 'Centro anziani'];

const name = `rete_bench_ballots_${process.pid}`;
const url = await freshDatabase(name);
const sql = postgres(url, { max: POOL, onnotice: () => {} });
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);
const failures = [];
const check = (ok, what) => {
	console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
};
let rete;
let cleaned;
const cleanUp = () =>
	(cleaned ??= (async () => {
		await rete?.stop();
		await sql.end({ timeout: 5 });
		if (KEEP) console.log(`kept: ${url}`);
		else await dropDatabase(name);
	})());
const watchdog = setTimeout(async () => {
	console.error(`stopped after ${RUN_LIMIT / 60_000} minutes`);
	await cleanUp();
	process.exit(2);
}, RUN_LIMIT);
watchdog.unref();

/** Runs `tasks` with at most `limit` in flight; their answers in order. */
async function bounded(tasks, limit) {
	const answers = new Array(tasks.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, tasks.length) }, async () => {
			while (next < tasks.length) {
				const i = next++;
				answers[i] = await tasks[i]();
			}
		})
	);
	return answers;
}

/** A ranking of all the options, a different order for each person. */
function ranking(optionIds, i) {
	const order = [...optionIds];
	for (let k = order.length - 1; k > 0; k--) {
		const j = (i * 7 + k * 13) % (k + 1);
		[order[k], order[j]] = [order[j], order[k]];
	}
	return order;
}

/**
 * The casts of one wave: everyone's ballot and, right behind it, a second one (the ranking
 * reversed) from `TWICE` people spread over the crowd, so the two race.
 */
function wave(people, optionIds) {
	const every = Math.max(1, Math.floor(people.length / TWICE));
	const casts = [];
	people.forEach((person, i) => {
		const first = ranking(optionIds, i);
		casts.push({ person: i, choices: first });
		if (i % every === 0 && i / every < TWICE)
			casts.push({ person: i, choices: [...first].reverse(), second: true });
	});
	return casts;
}

const summary = (times) => ({
	p50: percentile(times, 50),
	p95: percentile(times, 95),
	p99: percentile(times, 99)
});
const figures = (s) => `p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)}`;
const counts = (list) =>
	Object.entries(list.reduce((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {}))
		.map(([k, n]) => `${n}× ${k}`)
		.join(', ');
const sameBallots = (a, b) => {
	const key = (list) => list.map((c) => JSON.stringify(c)).sort();
	return JSON.stringify(key(a)) === JSON.stringify(key(b));
};
const firstChoices = (ballots) =>
	ballots.reduce((acc, c) => ({ ...acc, [c[0]]: (acc[c[0]] ?? 0) + 1 }), {});

/** The poll's rows, ballots and results once a wave is over, against what was answered. */
async function verify(label, poll, anonymous, casts, answered, people, { viaApi, token }) {
	const voters = await sql`
		select voter, user_id, channel, choices from poll_voters where poll_id = ${poll.id}`;
	const byUser = new Map(voters.map((v) => [v.user_id, v]));
	check(
		voters.length === PEOPLE &&
			byUser.size === PEOPLE &&
			people.every((p) => byUser.get(p.user.id)?.voter === `u:${p.user.id}`) &&
			voters.every((v) => v.channel === 'online'),
		`${label}: ${voters.length} rows in poll_voters, one per person (expected ${PEOPLE})`
	);
	// Each person: how their casts were answered (in the order sent).
	const answers = new Map();
	casts.forEach((c, i) => answers.set(c.person, [...(answers.get(c.person) ?? []), answered[i]]));
	const doubled = [...answers.values()].filter((a) => a.length === 2);
	let stored;
	if (anonymous) {
		const ballots = await sql`select choices from anonymous_ballots where poll_id = ${poll.id}`;
		stored = ballots.map((b) => b.choices);
		check(
			ballots.length === PEOPLE,
			`${label}: ${ballots.length} anonymous ballots (expected ${PEOPLE})`
		);
		check(
			voters.every((v) => v.choices === null),
			`${label}: no choice kept beside a voter's name`
		);
		check(
			doubled.length === TWICE &&
				doubled.every((a) => a.filter((x) => x.counted).length === 1 && a.some((x) => x.refused)),
			`${label}: of ${doubled.length} people casting twice, each had one counted and one refused (already_voted)`
		);
		const counted = casts.filter((_, i) => answered[i].counted).map((c) => c.choices);
		check(
			counted.length === PEOPLE && sameBallots(stored, counted),
			`${label}: the anonymous ballots are exactly the ${counted.length} counted`
		);
	} else {
		stored = voters.map((v) => v.choices);
		check(
			voters.every((v) => Array.isArray(v.choices) && v.choices.length === OPTIONS.length),
			`${label}: every voter row holds its ranking`
		);
		const sent = new Map();
		casts.forEach((c) =>
			sent.set(c.person, [...(sent.get(c.person) ?? []), JSON.stringify(c.choices)])
		);
		check(
			people.every((p, i) => sent.get(i).includes(JSON.stringify(byUser.get(p.user.id)?.choices))),
			`${label}: each person's row holds one of the ballots they sent`
		);
		check(
			doubled.length === TWICE && doubled.every((a) => a.every((x) => x.counted)),
			`${label}: of ${doubled.length} people casting twice, both casts answered 201 (replaced)`
		);
	}
	if (viaApi) {
		// An anonymous poll's count shows once it is closed: its consultation moves to results.
		if (anonymous)
			await api(rete.origin, 'POST', `/api/v1/consultations/${poll.consultationId}/phase`, {
				token,
				body: { kind: 'results' }
			});
		const res = await api(rete.origin, 'GET', `/api/v1/polls/${poll.id}/results`, { token });
		const results = res.json?.results;
		check(
			res.status === 200 && results.ballots === PEOPLE,
			`${label}: results count ${results?.ballots} ballots (expected ${PEOPLE})`
		);
		const expected = firstChoices(stored);
		check(
			results?.rounds?.[0]?.tally.every((t) => t.votes === (expected[t.optionId] ?? 0)),
			`${label}: the first round's tally matches the stored ballots' first choices`
		);
		console.log(
			`  winner ${OPTIONS[poll.options.findIndex((o) => o.id === results?.winner)] ?? results?.winner} after ${results?.rounds?.length} rounds`
		);
	}
}

try {
	rete = await startRete(url, { EMAIL_VERIFICATION: 'off' });
	const { coordinator, org } = await verifiedCoordinator(rete.origin);

	// ——— Sign-ups, 10 at a time (argon2 is the slow part) ———
	step(`${PEOPLE} people sign up`);
	const people = [];
	for (let i = 0; i < PEOPLE; i += 10)
		people.push(
			...(await Promise.all(
				Array.from({ length: Math.min(10, PEOPLE - i) }, (_, j) =>
					signUpBench(rete.origin, `v${i + j}`)
				)
			))
		);
	if (!people.every((p) => p?.token && p.user?.id))
		throw new Error(`sign-ups: ${people.filter((p) => !p?.token).length} failed`);

	const soon = (days) => new Date(Date.now() + days * 86_400_000).toISOString();
	/** Each poll in a consultation of its own, in its voting phase, so closing one closes no other. */
	const newPoll = async (anonymous, question) => {
		const created = await api(rete.origin, 'POST', '/api/v1/consultations', {
			token: coordinator.token,
			body: {
				title: 'Bilancio partecipativo 2027',
				description: 'Quale progetto finanziare per primo?',
				organisationId: org.id,
				phases: [
					{ kind: 'voting', startsAt: soon(-1 / 24), endsAt: soon(7) },
					{ kind: 'results', startsAt: soon(7), endsAt: soon(14) }
				]
			}
		});
		if (created.status !== 201) throw new Error(`consultation: ${created.status}`);
		const consultation = created.json.consultation;
		const res = await api(rete.origin, 'POST', `/api/v1/consultations/${consultation.id}/polls`, {
			token: coordinator.token,
			body: { question, method: 'ranked', options: OPTIONS, results: 'always', anonymous }
		});
		if (res.status !== 201 || res.json.poll.status !== 'open')
			throw new Error(`poll: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
		return res.json.poll;
	};

	/** Everyone casts at once over HTTP; each answer as `{ counted, refused, status }`. */
	const reteWave = async (poll, casts, limit = CONCURRENCY) => {
		const times = [];
		const t0 = performance.now();
		const answered = await bounded(
			casts.map((c) => async () => {
				const t = performance.now();
				let status;
				let body;
				try {
					const res = await fetch(`${rete.origin}/api/v1/polls/${poll.id}/ballots`, {
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							authorization: `Bearer ${people[c.person].token}`
						},
						body: JSON.stringify({ choices: c.choices }),
						signal: AbortSignal.timeout(REQUEST_LIMIT)
					});
					status = res.status;
					body = await res.text();
				} catch (error) {
					status = error.name;
				}
				times.push(performance.now() - t);
				const refused = status === 409 && /"reason":"already_voted"/.test(body);
				return {
					status: refused ? '409 already_voted' : String(status),
					counted: status === 201,
					refused
				};
			}),
			limit
		);
		return { times, answered, seconds: (performance.now() - t0) / 1000 };
	};

	/**
	 * The floor of HTTP, a session and JSON on this machine: the same crowd asking
	 * `GET /api/v1/me` at once (what any signed-in call costs before its own work).
	 */
	const floorWave = async (casts, limit = CONCURRENCY) => {
		const times = [];
		await bounded(
			casts.map((c) => async () => {
				const t = performance.now();
				const res = await fetch(`${rete.origin}/api/v1/me`, {
					headers: { authorization: `Bearer ${people[c.person].token}` },
					signal: AbortSignal.timeout(REQUEST_LIMIT)
				});
				await res.arrayBuffer();
				if (res.status !== 200) throw new Error(`floor: GET /api/v1/me answered ${res.status}`);
				times.push(performance.now() - t);
			}),
			limit
		);
		return times;
	};

	/** The same write straight through postgres.js: each caller on the pool, as Rete does it. */
	const directWave = async (pollId, anonymous, casts, limit = CONCURRENCY) => {
		const times = [];
		const t0 = performance.now();
		const answered = await bounded(
			casts.map((c) => async () => {
				const userId = people[c.person].user.id;
				const t = performance.now();
				let status;
				try {
					const [row] = anonymous
						? await sql.begin(async (tx) => {
								const [counted] = await tx`
									insert into poll_voters (poll_id, voter, user_id, channel, recorded_by, choices)
									values (${pollId}, ${`u:${userId}`}, ${userId}, 'online', null, null)
									on conflict (poll_id, voter) do nothing
									returning cast_at`;
								if (counted)
									await tx`insert into anonymous_ballots (poll_id, choices)
										values (${pollId}, ${tx.json(c.choices)})`;
								return [counted];
							})
						: await sql`
								insert into poll_voters as v (poll_id, voter, user_id, channel, recorded_by, choices)
								values (${pollId}, ${`u:${userId}`}, ${userId}, 'online', null, ${sql.json(c.choices)})
								on conflict (poll_id, voter) do update set choices = excluded.choices, cast_at = now()
								where v.channel = 'online' and excluded.channel = 'online' and v.user_id = excluded.user_id
								returning cast_at`;
					status = row ? 'counted' : 'already_voted';
				} catch (error) {
					// As Rete: a unique violation is the same person (already_voted).
					status = error.code === '23505' ? 'already_voted (23505)' : `error ${error.code}`;
				}
				times.push(performance.now() - t);
				return { status, counted: status === 'counted', refused: status.startsWith('already') };
			}),
			limit
		);
		return { times, answered, seconds: (performance.now() - t0) / 1000 };
	};

	// Warm-up, not measured: both paths of both kinds, WARM casts each, 10 at a time, so the
	// first measured wave does not pay for the server's JIT and the pools' prepared statements.
	const WARM = Math.min(100, Math.floor(PEOPLE / 2));
	step(`warm-up: ${WARM} casts each way on two polls that are not counted`);
	for (const anonymous of [true, false]) {
		const poll = await newPoll(anonymous, `Prova (${anonymous ? 'anonimo' : 'nominale'})`);
		const ids = poll.options.map((o) => o.id);
		const viaRete = await reteWave(
			poll,
			Array.from({ length: WARM }, (_, i) => ({ person: i, choices: ranking(ids, i) })),
			10
		);
		const viaSql = await directWave(
			poll.id,
			anonymous,
			Array.from({ length: WARM }, (_, i) => ({ person: WARM + i, choices: ranking(ids, i) })),
			10
		);
		const answers = [...viaRete.answered, ...viaSql.answered];
		if (!answers.every((a) => a.counted))
			throw new Error(`warm-up: ${counts(answers.map((a) => a.status))}`);
	}

	const report = [];
	for (const anonymous of [true, false]) {
		const kind = anonymous ? 'anonymous' : 'not anonymous';
		const poll = await newPoll(anonymous, `Quale progetto prima? (${kind})`);
		const direct = await newPoll(anonymous, `Quale progetto prima? (${kind}, diretto)`);
		const optionIds = poll.options.map((o) => o.id);
		const casts = wave(people, optionIds);

		step(`${kind} poll: ${PEOPLE} cast at once over HTTP, ${TWICE} of them twice`);
		const r = await reteWave(poll, casts);
		console.log(
			`  answers: ${counts(r.answered.map((a) => a.status))} in ${r.seconds.toFixed(1)} s`
		);
		check(
			r.answered.every((a) => a.counted || (a.refused && anonymous)),
			`${kind}: every answer 201${anonymous ? ' or 409 already_voted' : ''} (no 5xx, no other error)`
		);
		await verify(`${kind}, Rete`, poll, anonymous, casts, r.answered, people, {
			viaApi: true,
			token: coordinator.token
		});

		step(
			`${kind} poll: the same upsert through postgres.js, ${casts.length} callers, pool ${POOL}`
		);
		const directCasts = wave(
			people,
			direct.options.map((o) => o.id)
		);
		const d = await directWave(direct.id, anonymous, directCasts);
		console.log(
			`  answers: ${counts(d.answered.map((a) => a.status))} in ${d.seconds.toFixed(1)} s`
		);
		await verify(`${kind}, postgres.js`, direct, anonymous, directCasts, d.answered, people, {
			viaApi: false
		});
		report.push({ kind, rete: summary(r.times), direct: summary(d.times), casts: casts.length });
	}

	step(`the floor: ${PEOPLE + TWICE} × GET /api/v1/me at once, the same people`);
	const floor = summary(await floorWave(wave(people, ['x'])));
	console.log(
		`\nballots: ${PEOPLE} people at once on one ranked poll, ${TWICE} of them twice (${PEOPLE + TWICE} casts, concurrency ${CONCURRENCY}), pool ${POOL}`
	);
	for (const { kind, rete: rs, direct: ds } of report)
		console.log(
			`${kind}: Rete ${figures(rs)} | postgres.js ${figures(ds)} | ratio p50 ${(rs.p50 / ds.p50).toFixed(2)}x p99 ${(rs.p99 / ds.p99).toFixed(2)}x | against the floor p99 ${(rs.p99 / floor.p99).toFixed(2)}x`
		);
	console.log(`floor (GET /api/v1/me, same crowd at once): ${figures(floor)}`);
	console.log(
		failures.length
			? `\n${failures.length} check(s) FAILED:\n- ${failures.join('\n- ')}`
			: '\nall checks passed'
	);
} catch (error) {
	failures.push(String(error?.stack ?? error));
	console.error(error);
} finally {
	clearTimeout(watchdog);
	await cleanUp();
}
if (failures.length) process.exitCode = 1;
