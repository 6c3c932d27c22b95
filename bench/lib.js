// Shared pieces of the benchmarks: a real Rete server on its own PostgreSQL database, a small
// keep-alive load generator, and percentiles. Traffic stays on loopback and every run is bounded.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import postgres from 'postgres';

export const BASE_URL =
	process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name) {
	const url = new URL(BASE_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

export async function freshDatabase(name) {
	const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists "${name}" with (force)`);
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	return databaseUrl(name);
}

export async function dropDatabase(name) {
	const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists "${name}" with (force)`);
	await admin.end();
}

export function seed(url, needs) {
	const run = spawnSync(process.execPath, ['scripts/seed.js', '--needs', String(needs)], {
		env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
	if (run.status !== 0) throw new Error(run.stderr);
	return run.stdout.trim().split('\n').at(-1);
}

export async function freePort() {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address();
			probe.close(() => resolve(port));
		});
	});
}

/** The production server on `databaseUrl`, rate limits off (a benchmark is one client). */
export async function startRete(url, env = {}) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			RATE_LIMIT_DISABLED: '1',
			LOG_LEVEL: 'warn',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) throw new Error(`Rete exited with ${child.exitCode} on start`);
		try {
			if ((await fetch(`${origin}/healthz`)).ok) break;
		} catch {
			// starting
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		origin,
		stop: () =>
			new Promise((resolve) => {
				// Already gone (it crashed): waiting for its exit would wait for ever.
				if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
				child.once('exit', resolve);
				child.kill('SIGTERM');
			})
	};
}

export async function api(origin, method, path, { token, body } = {}) {
	const res = await fetch(`${origin}${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export function percentile(values, p) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (n) => `${n.toFixed(2)} ms`;

/**
 * `connections` keep-alive clients requesting `url` back to back for `durationMs`: requests per
 * second and latency percentiles. Non-2xx answers are counted as errors.
 */
export async function load(url, { connections = 25, durationMs = 10_000, headers = {} } = {}) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const latencies = [];
	let errors = 0;
	const end = Date.now() + durationMs;
	const one = () =>
		new Promise((resolve) => {
			const started = performance.now();
			const req = http.get(url, { agent, headers }, (res) => {
				res.resume();
				res.on('end', () => {
					if (res.statusCode < 200 || res.statusCode >= 300) errors++;
					latencies.push(performance.now() - started);
					resolve();
				});
			});
			req.on('error', () => {
				errors++;
				resolve();
			});
		});
	const started = Date.now();
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (Date.now() < end) await one();
		})
	);
	agent.destroy();
	const seconds = (Date.now() - started) / 1000;
	return {
		rps: latencies.length / seconds,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		errors,
		requests: latencies.length
	};
}

/** A city of 10 districts of 10 neighbourhoods each (111 territories), straight into the database. */
export const CITY_SQL = `
	insert into territories (id, name, path, depth)
	select id, 'Città', '/' || id || '/', 0 from (select gen_random_uuid() as id) x;
	insert into territories (id, parent_id, name, path, depth)
	select x.id, c.id, 'Quartiere ' || x.d, c.path || x.id || '/', 1
	from territories c, (select d, gen_random_uuid() as id from generate_series(1, 10) d) x where c.depth = 0;
	insert into territories (id, parent_id, name, path, depth)
	select x.id, q.id, q.name || ', zona ' || x.z, q.path || x.id || '/', 2
	from territories q, lateral (select z, gen_random_uuid() as id, q.id as parent from generate_series(1, 10) z) x
	where q.depth = 1;`;

/** Someone signed up through the API with a bearer token (`{ token, user }`). */
export async function signUpBench(origin, who) {
	return (
		await api(origin, 'POST', '/api/v1/auth/signup', {
			body: { email: `${who}@bench.example`, password: 'benchmark password', name: who }
		})
	).json;
}

/**
 * The network's first account (so its administrator) and an organisation it coordinates,
 * verified by itself: what a benchmark needs to act for an organisation.
 */
export async function verifiedCoordinator(origin) {
	const coordinator = await signUpBench(origin, 'coordinatrice');
	const org = (
		await api(origin, 'POST', '/api/v1/organisations', {
			token: coordinator.token,
			body: { name: 'Rete di quartiere', kind: 'ngo' }
		})
	).json.organisation;
	await api(origin, 'POST', `/api/v1/organisations/${org.id}/review`, {
		token: coordinator.token,
		body: { decision: 'verify' }
	});
	return { coordinator, org };
}
