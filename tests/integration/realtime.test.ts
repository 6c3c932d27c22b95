import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { apiClient, goodPassword, startServer, uniqueEmail, useServer } from '../helpers/server';
import { connectSocket, nextDisconnect } from '../helpers/sockets';

const ctx = useServer();
const call: ReturnType<typeof apiClient> = (...args) => ctx.call(...args);
const open: Socket[] = [];
afterAll(() => {
	for (const s of open) s.close();
});

async function account() {
	const email = uniqueEmail();
	const res = await call('POST', '/api/v1/auth/signup', {
		body: { email, password: goodPassword, name: 'Luca' }
	});
	return { email, token: res.json.token as string, userId: res.json.user.id as string };
}

async function connect(options: Parameters<typeof connectSocket>[1]) {
	const socket = await connectSocket(ctx.server.url, options);
	open.push(socket);
	return socket;
}

describe('socket handshake follows the session', () => {
	it('the engine handshake answers without a session', async () => {
		const res = await fetch(`${ctx.server.url}/socket.io/?EIO=4&transport=polling`);
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/"sid"/);
	});

	it('refuses a socket without a session, or with a bad token, with "unauthenticated"', async () => {
		await expect(connectSocket(ctx.server.url)).rejects.toThrow('unauthenticated');
		await expect(connectSocket(ctx.server.url, { token: 'b'.repeat(32) })).rejects.toThrow(
			'unauthenticated'
		);
		await expect(connectSocket(ctx.server.url, { transport: 'polling' })).rejects.toThrow(
			'unauthenticated'
		);
	});

	it('accepts a socket with auth.token, and one with the session cookie', async () => {
		const { token } = await account();
		const byToken = await connect({ token });
		expect(byToken.connected).toBe(true);
		const byCookie = await connect({ cookie: `rete_session=${token}`, origin: ctx.server.url });
		expect(byCookie.connected).toBe(true);
		const byCookiePolling = await connect({
			cookie: `rete_session=${token}`,
			transport: 'polling'
		});
		expect(byCookiePolling.connected).toBe(true);
	});

	it('refuses a handshake from another origin, even with a valid session', async () => {
		const { token } = await account();
		await expect(
			connectSocket(ctx.server.url, {
				cookie: `rete_session=${token}`,
				origin: 'https://evil.example'
			})
		).rejects.toThrow('forbidden_origin');
		await expect(
			connectSocket(ctx.server.url, { token, origin: 'https://evil.example' })
		).rejects.toThrow('forbidden_origin');
	});

	it('logging out disconnects that session’s sockets at once, and only those', async () => {
		const { email, token } = await account();
		const other = await call('POST', '/api/v1/auth/login', {
			body: { email, password: goodPassword }
		});
		const mine = await connect({ token });
		const mineToo = await connect({ cookie: `rete_session=${token}`, origin: ctx.server.url });
		const elsewhere = await connect({ token: other.json.token });
		const gone = [nextDisconnect(mine), nextDisconnect(mineToo)];
		expect((await call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
		expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
		expect(elsewhere.connected).toBe(true);
		// And it cannot come back with the dead session.
		await expect(connectSocket(ctx.server.url, { token })).rejects.toThrow('unauthenticated');
	});
});

describe('graceful shutdown', () => {
	it('on SIGTERM closes sockets, lets a request finish, closes the database and exits 0', async () => {
		// The real hash, so that the login below is still running when the signal lands.
		const own = await startServer({ PASSWORD_HASH: 'owasp' });
		const ownCall = apiClient(own.url);
		const res = await ownCall('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail(), password: goodPassword, name: 'Ada' }
		});
		const socket = await connectSocket(own.url, { token: res.json.token });
		const disconnected = nextDisconnect(socket, 5000);
		// A login takes an argon2 verification: it is in flight when the signal lands.
		const inFlight = ownCall('POST', '/api/v1/auth/login', {
			body: { email: 'nobody@example.org', password: 'whatever it is' }
		});
		await new Promise((r) => setTimeout(r, 20));
		const code = own.stop('SIGTERM');
		expect(await disconnected).toBe('io server disconnect');
		expect((await inFlight).status).toBe(401);
		expect(await code).toBe(0);
		expect(own.output()).toMatch(/"msg":"stopping"/);
	});
});
