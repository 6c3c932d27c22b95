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
