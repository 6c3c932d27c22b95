// What `npm start` and `npm run demo` share: build quietly when the build is missing or older
// than the code, start the server, and tell a person in a few plain lines where to go and what
// it runs on. The server's own JSON log lines follow; the plain ones come first and last.
import { buildIfStale } from './build.js';

/** @param {string} line */
const say = (line) => console.log(line);

/**
 * Which database the server will use, as a person would want to read it (never a password).
 * @param {Record<string, string | undefined>} env
 */
export function databaseLine(env = process.env) {
	if (env.DATABASE_URL) {
		try {
			const url = new URL(env.DATABASE_URL);
			return `Database: PostgreSQL at ${url.host}${url.pathname}`;
		} catch {
			return 'Database: PostgreSQL (DATABASE_URL)';
		}
	}
	return `Database: embedded (PGlite), kept in ${env.DATA_DIR ?? './data'}`;
}

/** @param {Record<string, string | undefined>} env */
export const addressOf = (env = process.env) =>
	(env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, '');

/**
 * Builds if needed, starts the server and waits until it listens.
 * @param {{ title: string, ready?: string[] }} options what to call it, and lines to add once
 *   it is ready (the demo's accounts)
 */
export async function launch({ title, ready = [] }) {
	const address = addressOf();
	say(`${title}: starting at ${address}`);
	say(databaseLine());
	const built = buildIfStale({ quiet: true });
	if (built !== 0) process.exit(built);
	const { listening } = await import('../server.js');
	try {
		await listening;
	} catch (error) {
		const taken = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE';
		say(
			taken
				? `Port ${process.env.PORT ?? 3000} is already in use: choose another, e.g. PORT=3001 npm start.`
				: String(error)
		);
		process.exit(1);
	}
	say('');
	say(`Rete is ready: open ${address} in your browser.`);
	for (const line of ready) say(line);
	say('Ctrl+C stops it.');
}
