// A newcomer's terminal: `npm start` and `npm run demo` (scripts/start.js, scripts/demo.js) say
// first, in plain words, where to go and which database they use, and then that Rete is ready
// (the demo: with its accounts). The page answers, and Ctrl+C (SIGTERM here) stops it.
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/lib/server/demo/seed';
import { freePort } from '../helpers/server';
import { createTestDatabase } from '../helpers/test-databases';

/** Runs a script until it says Rete is ready; `stop` ends it as Ctrl+C would. */
async function run(script: string) {
	const database = await createTestDatabase(inject('templateDatabase'));
	const port = await freePort();
	const child = spawn(process.execPath, ['--liftoff-only', script], {
		env: {
			PATH: process.env.PATH,
			HOST: '127.0.0.1',
			PORT: String(port),
			RATE_LIMIT_DISABLED: '1',
			PASSWORD_HASH: 'fast',
			...database.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 90_000;
	while (!output.includes('Ctrl+C stops it.')) {
		if (child.exitCode !== null) throw new Error(`${script} exited early:\n${output}`);
		if (Date.now() > deadline) throw new Error(`${script} did not start:\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		port,
		database,
		lines: () => output.split('\n'),
		async stop() {
			child.kill('SIGTERM');
			const code = await exited;
			await database.drop();
			return code;
		}
	};
}

const plain = (line: string) => !line.startsWith('{');
const databaseLine = (env: { DATABASE_URL?: string; DATA_DIR?: string }) =>
	env.DATABASE_URL
		? `Database: PostgreSQL at ${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname}`
		: `Database: embedded (PGlite), kept in ${env.DATA_DIR}`;

describe('npm start', () => {
	it('says where to go and which database, then serves the page', async () => {
		const rete = await run('scripts/start.js');
		try {
			const lines = rete.lines();
			const address = `http://localhost:${rete.port}`;
			// The first lines a person reads are plain ones; the build was made by the test setup.
			expect(lines.slice(0, 2)).toEqual([
				`Rete: starting at ${address}`,
				databaseLine(rete.database.env)
			]);
			const ready = lines.indexOf(`Rete is ready: open ${address} in your browser.`);
			expect(ready).toBeGreaterThan(1);
			expect(lines.slice(ready + 1).filter((l) => l)).toEqual(['Ctrl+C stops it.']);
			expect(lines.join('\n')).not.toMatch(/npm run preview|PLUGIN_TIMINGS|vite v\d/);
			// A fresh network opens on its set-up page.
			const res = await fetch(`http://127.0.0.1:${rete.port}/`, { redirect: 'manual' });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/setup');
			const setup = await fetch(`http://127.0.0.1:${rete.port}/setup`);
			expect(setup.status).toBe(200);
			expect(await setup.text()).toContain('<html');
		} finally {
			expect(await rete.stop()).toBe(0);
		}
	});
});

describe('npm run demo', () => {
	it('names its accounts and their password, and they sign in', async () => {
		const rete = await run('scripts/demo.js');
		try {
			const lines = rete.lines();
			expect(lines[0]).toBe(`Rete demo: starting at http://localhost:${rete.port}`);
			expect(plain(lines[1])).toBe(true);
			const ready = lines.indexOf(
				`Rete is ready: open http://localhost:${rete.port} in your browser.`
			);
			const after = lines.slice(ready + 1).filter((l) => l);
			expect(after[0]).toBe(
				`Log in with any of these accounts; the password is "${DEMO_PASSWORD}" for all:`
			);
			expect(after.at(-1)).toBe('Ctrl+C stops it.');
			const emails = after.slice(1, -1).map((l) => l.trim().split(/\s+/)[0]);
			expect(emails[0]).toBe(DEMO_ACCOUNTS.find((a) => a.isAdmin)!.email);
			const known = new Set(DEMO_ACCOUNTS.map((a) => a.email));
			expect(emails.filter((e) => !known.has(e))).toEqual([]);
			expect(emails.length).toBeGreaterThanOrEqual(5);

			const login = await fetch(`http://127.0.0.1:${rete.port}/api/v1/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: emails.at(-1), password: DEMO_PASSWORD })
			});
			expect(login.status).toBe(200);
		} finally {
			expect(await rete.stop()).toBe(0);
		}
	});
});
