// Production entry: one HTTP server for SvelteKit's handler and socket.io.
// `node server.js` serves; `node server.js --migrate` applies migrations and exits.
import http from 'node:http';
import { attachSocketServer } from './src/lib/server/realtime/host.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// adapter-node builds request URLs (and so origin checks) from ORIGIN; ours defaults like it.
process.env.ORIGIN ??= `http://localhost:${port}`;
// Bodies are limited by our hooks (1 MB, answered in the API's format), not by the adapter's 512 KB.
process.env.BODY_SIZE_LIMIT ??= String(1024 * 1024 + 1);

const migrateOnly = process.argv.includes('--migrate');
/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let handler = () => {};
// socket.io takes over the server's request listeners and passes on what is not its own,
// so SvelteKit's handler must be a listener before socket.io attaches.
const server = http.createServer((req, res) => handler(req, res));
const io = migrateOnly ? undefined : attachSocketServer(server);

// Importing the handler runs SvelteKit's init hook: the database is opened and migrated, and
// the app registers its socket handlers with the host attached above.
({ handler } = await import('./build/handler.js'));
const app = /** @type {{ stop: () => Promise<void> }} */ (globalThis[Symbol.for('rete.app')]);

if (migrateOnly) {
	await app.stop();
	console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'migrated' }));
	process.exit(0);
}

/** Settles once the server listens, or cannot (scripts/launch.js then says why, plainly). */
export const listening = new Promise((resolve, reject) => {
	server.once('error', reject);
	server.listen(port, host, () => {
		server.off('error', reject);
		console.log(
			JSON.stringify({
				time: new Date().toISOString(),
				level: 'info',
				msg: 'listening',
				host,
				port
			})
		);
		resolve(undefined);
	});
});

let shuttingDown = false;
async function shutdown(signal) {
	if (shuttingDown) return;
	shuttingDown = true;
	console.log(
		JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'stopping', signal })
	);
	// A request still running after this long is abandoned rather than holding the process.
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	// Close sockets first (clients reconnect elsewhere), then stop taking requests and let the
	// running ones finish, then close the database.
	// Only this node's sockets: with Redis, `io.disconnectSockets` would reach every node.
	io?.local.disconnectSockets(true);
	await new Promise((resolve) => {
		server.close(resolve);
		// Keep-alive connections turn idle as their last request ends: close them as they do.
		const sweep = setInterval(() => server.closeIdleConnections(), 50);
		server.once('close', () => clearInterval(sweep));
		server.closeIdleConnections();
	});
	io?.close();
	await app.stop();
	process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
