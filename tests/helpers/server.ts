import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-databases';

export interface RunningServer {
	url: string;
	process: ChildProcess;
	database: TestDatabase;
	/** Everything the server printed, for tests that read its logs. */
	output(): string;
	/** Sends a signal and waits for the exit code. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/**
 * The production server (`node server.js` on the build) on its own fresh database.
 * Rate limits are off unless a test turns them on through `env`.
 */
export async function startServer(
	env: Record<string, string> = {},
	database?: TestDatabase
): Promise<RunningServer> {
	const db = database ?? (await createTestDatabase(inject('templateDatabase')));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	// Liftoff only: PGlite's WebAssembly is compiled once, without optimising it in the background.
	// A test server lives seconds; measured, this saves a second of CPU per start and is no slower
	// over 2,000 calls (docs/decisions/0007-test-speed.md).
	const child = spawn(process.execPath, ['--liftoff-only', 'server.js'], {
		env: {
			PATH: process.env.PATH,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			RATE_LIMIT_DISABLED: '1',
			// Like rate limits: off unless a test turns it on (the trust tests do).
			EMAIL_VERIFICATION: 'off',
			// Sign-ups by the hundred: a cheap hash (the server warns that it is for tests only).
			PASSWORD_HASH: 'fast',
			...db.env,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);

	// Generous: a loaded two-core machine can take tens of seconds to load the build.
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}

	return {
		url,
		process: child,
		database: db,
		output: () => output,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null) child.kill(signal);
			const code = await exited;
			if (!database) await db.drop();
			return code;
		}
	};
}

/** A small JSON client for the API: bearer token or cookie, and the origin a browser sends. */
export function apiClient(base: string) {
	return async function call(
		method: string,
		path: string,
		options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {}
	) {
		const headers: Record<string, string> = { ...options.headers };
		if (options.body !== undefined || options.raw !== undefined)
			headers['content-type'] ??= 'application/json';
		if (options.token) headers.authorization = `Bearer ${options.token}`;
		const res = await fetch(`${base}${path}`, {
			method,
			headers,
			body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
			redirect: 'manual'
		});
		const text = await res.text();
		let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: tests look at `text`
		}
		return { status: res.status, headers: res.headers, json, text };
	};
}

let emailCounter = 0;
export function uniqueEmail(prefix = 'person') {
	return `${prefix}.${process.pid}.${Date.now().toString(36)}.${emailCounter++}@example.org`;
}

export const goodPassword = 'una frase lunga e sicura';

/** A server for the whole test file (or describe block), started before and stopped after it. */
export function useServer(env: Record<string, string> = {}) {
	const context = {} as { server: RunningServer; call: ReturnType<typeof apiClient> };
	beforeAll(async () => {
		context.server = await startServer(env);
		context.call = apiClient(context.server.url);
	});
	afterAll(async () => {
		await context.server?.stop();
	});
	return context;
}
