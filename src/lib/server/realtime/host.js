// The socket.io host: attached to the HTTP server by `server.js` in production and by the Vite
// plugin in development. Plain JavaScript because both load it outside SvelteKit's bundle.
// The app (loaded later, by SvelteKit) registers its handlers here; sockets that arrive before
// wait for it, so no handshake is ever answered by a half-started app.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const KEY = Symbol.for('rete.realtime');

/** @returns {{ io?: import('socket.io').Server, app?: any, appReady: Promise<any>, resolveApp: (app: any) => void }} */
export function realtimeSlot() {
	const g = /** @type {any} */ (globalThis);
	if (!g[KEY]) {
		/** @type {(app: any) => void} */
		let resolveApp = () => {};
		const appReady = new Promise((resolve) => (resolveApp = resolve));
		g[KEY] = { appReady, resolveApp };
	}
	return g[KEY];
}

/**
 * @param {import('node:http').Server} httpServer
 * @param {{ destroyUpgrade?: boolean }} [options]
 */
export function attachSocketServer(httpServer, options = {}) {
	const slot = realtimeSlot();
	// Several nodes share rooms, broadcasts and recovery sessions through one Redis stream.
	const redisUrl = process.env.REDIS_URL;
	const redis = redisUrl ? new Redis(redisUrl, { lazyConnect: false }) : undefined;
	redis?.on('error', (error) =>
		console.error(
			JSON.stringify({
				time: new Date().toISOString(),
				level: 'error',
				msg: 'redis',
				error: String(error)
			})
		)
	);
	const io = new Server(httpServer, {
		adapter: redis ? createAdapter(redis) : undefined,
		serveClient: false,
		// Nothing a client sends needs more; larger frames are refused by the engine.
		maxHttpBufferSize: 64 * 1024,
		// A client that drops for a moment gets back its rooms and missed packets, if it still
		// may be in every one of them (see restoreSession below).
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
		destroyUpgrade: options.destroyUpgrade ?? true
	});
	// socket.io replays a recovered session's missed packets as it restores it, before any
	// middleware: the app decides first whether the session may come back at all (its rooms
	// may no longer be the person's). Refused, the socket starts afresh and rejoins (ADR 0005).
	const adapter = /** @type {any} */ (io.of('/').adapter);
	const restore = adapter.restoreSession.bind(adapter);
	adapter.restoreSession = async (/** @type {string} */ pid, /** @type {string} */ offset) => {
		const session = await restore(pid, offset);
		if (!session) return session;
		const app = await slot.appReady;
		return (await app.mayRecover(session).catch(() => false)) ? session : null;
	};
	io.use((socket, next) => {
		slot.appReady.then((app) => app.authenticate(socket, next), next);
	});
	io.on('connection', (socket) => slot.app.onConnection(socket));
	const close = io.close.bind(io);
	// Closing the server also lets go of Redis, so the process can exit.
	io.close = (fn) =>
		close((error) => {
			redis?.disconnect();
			fn?.(error);
		});
	slot.io = io;
	return io;
}

/**
 * Called by the app once it can serve sockets.
 * @param {{ authenticate: Function, onConnection: Function, mayRecover: Function }} app
 */
export function registerRealtimeApp(app) {
	const slot = realtimeSlot();
	slot.app = app;
	slot.resolveApp(app);
}
