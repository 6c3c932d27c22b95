/* eslint-disable @typescript-eslint/no-explicit-any -- socket payloads in tests are read loosely */
// Two Rete processes on one PostgreSQL database and the Redis at 127.0.0.1:6379: what happens on
// one node reaches sockets on the other, both ways. PGlite is one process's database, so this
// runs with DATABASE_URL (CI's PostgreSQL pass); on PGlite it is reported as skipped.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUpPerson, type Person } from '../helpers/people';
import { apiClient, startServer, type RunningServer } from '../helpers/server';
import { ask, connectSocket, nextEvent } from '../helpers/sockets';
import { createTestDatabase, postgresUrl, type TestDatabase } from '../helpers/test-databases';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.runIf(postgresUrl)('two nodes with Redis', () => {
	let database: TestDatabase;
	let a: RunningServer, b: RunningServer;
	let ana: Person, bruno: Person;
	const sockets: Socket[] = [];

	beforeAll(async () => {
		database = await createTestDatabase(inject('templateDatabase'));
		[a, b] = await Promise.all([
			startServer({ REDIS_URL }, database),
			startServer({ REDIS_URL }, database)
		]);
		ana = await signUpPerson(apiClient(a.url), 'Ana');
		bruno = await signUpPerson(apiClient(b.url), 'Bruno');
	});
	afterAll(async () => {
		sockets.forEach((s) => s.close());
		await Promise.all([a?.stop(), b?.stop()]);
		await database?.drop();
	});

	it('delivers messages, presence and board events across nodes, both ways', async () => {
		const created = await apiClient(a.url)('POST', '/api/v1/channels', {
			token: ana.token,
			body: { kind: 'group', name: 'Due nodi', members: [bruno.id] }
		});
		const channelId = created.json.channel.id;
		const onA = await connectSocket(a.url, { token: ana.token });
		const onB = await connectSocket(b.url, { token: bruno.token });
		sockets.push(onA, onB);
		expect((await ask(onA, 'channel:join', { channelId })).ok).toBe(true);
		const brunoOnline = nextEvent(onA, 'presence', (p) =>
			p.changes.some((c: any) => c.userId === bruno.id && c.status === 'online')
		);
		const joined = await ask(onB, 'channel:join', { channelId });
		// B sees A's person present, though A's socket lives on the other node.
		expect(joined.presence[ana.id]).toBe('online');
		await brunoOnline;

		const atB = nextEvent(onB, 'message:new', (p) => p.message.body === 'da A');
		await ask(onA, 'message:send', { channelId, body: 'da A' });
		expect((await atB).message.body).toBe('da A');

		const atA = nextEvent(onA, 'message:new', (p) => p.message.body === 'da B');
		await apiClient(b.url)('POST', `/api/v1/channels/${channelId}/messages`, {
			token: bruno.token,
			body: { body: 'da B' }
		});
		expect((await atA).message).toMatchObject({ body: 'da B', seq: 2 });

		// The live board: a need posted through B reaches a board subscriber on A.
		await ask(onA, 'board:subscribe', {});
		const needAtA = nextEvent(onA, 'need:created');
		const posted = await apiClient(b.url)('POST', '/api/v1/needs', {
			token: bruno.token,
			body: { title: 'Spesa per la signora Rina', description: 'Pane e latte', category: 'food' }
		});
		expect(posted.status, JSON.stringify(posted.json)).toBe(201);
		expect((await needAtA).need.id).toBe(posted.json.need.id);

		const brunoOffline = nextEvent(onA, 'presence', (p) =>
			p.changes.some((c: any) => c.userId === bruno.id && c.status === 'offline')
		);
		onB.close();
		await brunoOffline;
	});

	it('shows who is looking at a need and who is acting on it, across nodes', async () => {
		const posted = await apiClient(a.url)('POST', '/api/v1/needs', {
			token: ana.token,
			body: { title: 'Telefonata al signor Gino', description: 'Compagnia', category: 'company' }
		});
		const needId = posted.json.need.id;
		// Bruno may act on it once he helps.
		const claimed = await apiClient(b.url)('POST', `/api/v1/needs/${needId}/claims`, {
			token: bruno.token,
			body: {}
		});
		expect(claimed.status, JSON.stringify(claimed.json)).toBe(201);
		const viewers = (p: any) => p.viewers.map((v: any) => v.userId).sort();
		const onA = await connectSocket(a.url, { token: ana.token });
		const onB = await connectSocket(b.url, { token: bruno.token });
		sockets.push(onA, onB);
		expect((await ask(onA, 'need:watch', { needId })).ok).toBe(true);
		const brunoLooking = nextEvent(onA, 'need:presence', (p) => viewers(p).includes(bruno.id));
		const watched = await ask(onB, 'need:watch', { needId });
		// B lists A's viewer, whose socket lives on the other node, and A hears of B's.
		expect(viewers(watched.presence)).toEqual([ana.id, bruno.id].sort());
		await brunoLooking;

		const calling = nextEvent(onA, 'need:presence', (p) =>
			p.activities.some((x: any) => x.userId === bruno.id && x.kind === 'calling')
		);
		const started = await apiClient(b.url)('POST', `/api/v1/needs/${needId}/activity`, {
			token: bruno.token,
			body: { kind: 'calling' }
		});
		expect(started.status, JSON.stringify(started.json)).toBe(200);
		await calling;

		const brunoGone = nextEvent(onA, 'need:presence', (p) => !viewers(p).includes(bruno.id));
		onB.close();
		expect(viewers(await brunoGone)).toEqual([ana.id]);
	});
});
