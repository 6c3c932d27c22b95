/* eslint-disable @typescript-eslint/no-explicit-any -- socket payloads in tests are read loosely */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelFeed } from '../../src/lib/client/channel-feed';
import { signUpPerson, verifiedOrganisation, type Person } from '../helpers/people';
import { apiClient, startServer, useServer, type RunningServer } from '../helpers/server';
import { ask, connectSocket, recordEvents } from '../helpers/sockets';

const ctx = useServer();
let admin: Person, ana: Person, bruno: Person, carla: Person;

beforeAll(async () => {
	// The first account founds the network (its administrator); the others are ordinary people.
	admin = await signUpPerson(ctx.call, 'Admin');
	ana = await signUpPerson(ctx.call, 'Ana');
	bruno = await signUpPerson(ctx.call, 'Bruno');
	carla = await signUpPerson(ctx.call, 'Carla');
});

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function socketOf(person: Person, options: { reconnect?: boolean } = {}) {
	const s = await connectSocket(ctx.server.url, { token: person.token });
	if (options.reconnect) s.io.reconnection(true);
	sockets.push(s);
	return s;
}

async function group(owner: Person, members: Person[], name = 'Spesa di quartiere') {
	const res = await ctx.call('POST', '/api/v1/channels', {
		token: owner.token,
		body: { kind: 'group', name, members: members.map((m) => m.id) }
	});
	expect(res.status, JSON.stringify(res.json)).toBe(201);
	return res.json.channel as { id: string; kind: string; name: string };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe('channels', () => {
	it('creates a group with its creator as a member, listed for members only', async () => {
		const channel = await group(ana, [bruno]);
		expect(channel).toMatchObject({ kind: 'group', name: 'Spesa di quartiere' });
		for (const [person, listed] of [
			[ana, true],
			[bruno, true],
			[carla, false]
		] as const) {
			const list = await ctx.call('GET', '/api/v1/channels', { token: person.token });
			expect(list.status).toBe(200);
			expect(list.json.items.some((c: { id: string }) => c.id === channel.id)).toBe(listed);
		}
		const outsider = await ctx.call('GET', `/api/v1/channels/${channel.id}/messages`, {
			token: carla.token
		});
		expect(outsider.status).toBe(404);
		const post = await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: carla.token,
			body: { body: 'ciao' }
		});
		expect(post.status).toBe(404);
	});

	it('lists every invalid field at once and changes nothing', async () => {
		const res = await ctx.call('POST', '/api/v1/channels', {
			token: ana.token,
			body: { kind: 'party', name: 'x', members: ['nope'] }
		});
		expect(res.status).toBe(400);
		expect(Object.keys(res.json.error.fields).sort()).toEqual(['kind', 'members.0']);
		const direct = await ctx.call('POST', '/api/v1/channels', {
			token: ana.token,
			body: { kind: 'direct', members: [] }
		});
		expect(direct.status).toBe(400);
		expect(direct.json.error.fields.members).toBeTruthy();
		const tooLong = await ctx.call(
			'POST',
			`/api/v1/channels/${(await group(ana, [])).id}/messages`,
			{
				token: ana.token,
				body: { body: 'x'.repeat(4001) }
			}
		);
		expect(tooLong.status).toBe(400);
		expect(tooLong.json.error.fields.body).toBeTruthy();
	});

	it('keeps one direct conversation per pair, named after the other person', async () => {
		const first = await ctx.call('POST', '/api/v1/channels', {
			token: ana.token,
			body: { kind: 'direct', members: [carla.id] }
		});
		const again = await ctx.call('POST', '/api/v1/channels', {
			token: carla.token,
			body: { kind: 'direct', members: [ana.id] }
		});
		expect(first.status).toBe(201);
		expect(again.json.channel.id).toBe(first.json.channel.id);
		expect(first.json.channel.name).toBe('Carla');
		expect(again.json.channel.name).toBe('Ana');
	});

	it('starts a joint channel with the coordinators of its organisations, who bring their own people', async () => {
		const dario = await signUpPerson(ctx.call, 'Dario');
		const elsa = await signUpPerson(ctx.call, 'Elsa');
		// Joint channels carry information about people: only verified organisations open them.
		const mine = await verifiedOrganisation(ctx.call, admin, dario, 'Associazione Dario');
		const theirs = await verifiedOrganisation(ctx.call, admin, elsa, 'Associazione Elsa');
		const res = await ctx.call('POST', '/api/v1/channels', {
			token: dario.token,
			body: { kind: 'joint', name: 'Tavolo comune', organisationIds: [mine, theirs] }
		});
		expect(res.status, JSON.stringify(res.json)).toBe(201);
		const id = res.json.channel.id;
		const members = await ctx.call('GET', `/api/v1/channels/${id}/members`, { token: elsa.token });
		expect(members.json.items.map((m: { id: string }) => m.id).sort()).toEqual(
			[dario.id, elsa.id].sort()
		);
		// Carla belongs to neither organisation: no coordinator may bring her in.
		for (const coordinator of [dario, elsa]) {
			const add = await ctx.call('POST', `/api/v1/channels/${id}/members`, {
				token: coordinator.token,
				body: { userId: carla.id }
			});
			expect(add.status).toBe(403);
		}
		// Only a coordinator of the first organisation opens a joint channel in its name.
		const notMine = await ctx.call('POST', '/api/v1/channels', {
			token: carla.token,
			body: { kind: 'joint', name: 'Tavolo', organisationIds: [mine, theirs] }
		});
		expect(notMine.status).toBe(403);
	});

	it("lets anyone opt in to an area's channel, made on first use", async () => {
		const area = await ctx.call('POST', '/api/v1/territories', {
			token: admin.token,
			body: { name: 'Borgo Vecchio' }
		});
		expect(area.status, JSON.stringify(area.json)).toBe(201);
		const territoryId = area.json.territory.id;
		const first = await ctx.call('POST', `/api/v1/territories/${territoryId}/channel`, {
			token: ana.token
		});
		const second = await ctx.call('POST', `/api/v1/territories/${territoryId}/channel`, {
			token: carla.token
		});
		expect(first.json.channel).toMatchObject({
			kind: 'territory',
			name: 'Borgo Vecchio',
			isMember: true
		});
		expect(second.json.channel.id).toBe(first.json.channel.id);
		// Someone who has not opted in does not see its messages.
		const outsider = await ctx.call('GET', `/api/v1/channels/${first.json.channel.id}/messages`, {
			token: bruno.token
		});
		expect(outsider.status).toBe(403);
		const unknown = await ctx.call(
			'POST',
			'/api/v1/territories/00000000-0000-4000-8000-000000000000/channel',
			{ token: ana.token }
		);
		expect(unknown.status).toBe(404);
	});

	it('numbers 60 concurrent messages of two people 1..60, each once, all delivered live', async () => {
		const channel = await group(ana, [bruno], 'Sessanta');
		const anaSocket = await socketOf(ana);
		const brunoSocket = await socketOf(bruno);
		const received = { ana: [] as number[], bruno: [] as number[] };
		anaSocket.on(
			'message:new',
			({ message }) => message.channelId === channel.id && received.ana.push(message.seq)
		);
		brunoSocket.on(
			'message:new',
			({ message }) => message.channelId === channel.id && received.bruno.push(message.seq)
		);
		for (const s of [anaSocket, brunoSocket])
			expect(await ask(s, 'channel:join', { channelId: channel.id })).toMatchObject({
				ok: true,
				lastSeq: 0
			});

		// Half through sockets, half through the API, all at once.
		const sends = Array.from({ length: 60 }, (_, i) => {
			const [person, socket] = i % 2 ? [ana, anaSocket] : [bruno, brunoSocket];
			return i % 4 < 2
				? ask(socket, 'message:send', { channelId: channel.id, body: `messaggio ${i}` }).then(
						(a) => {
							expect(a.ok, JSON.stringify(a)).toBe(true);
							return a.message.seq as number;
						}
					)
				: ctx
						.call('POST', `/api/v1/channels/${channel.id}/messages`, {
							token: person.token,
							body: { body: `messaggio ${i}` }
						})
						.then((r) => {
							expect(r.status, JSON.stringify(r.json)).toBe(201);
							return r.json.message.seq as number;
						});
		});
		const seqs = (await Promise.all(sends)).sort((a, b) => a - b);
		expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
		await waitFor(() => received.ana.length >= 60 && received.bruno.length >= 60);
		for (const list of [received.ana, received.bruno]) {
			expect([...list].sort((a, b) => a - b)).toEqual(seqs);
		}
		const page = await ctx.call(
			'GET',
			`/api/v1/channels/${channel.id}/messages?after=0&limit=100`,
			{
				token: bruno.token
			}
		);
		expect(page.json.items.map((m: { seq: number }) => m.seq)).toEqual(seqs);
		expect(page.json.items[0]).toMatchObject({
			channelId: channel.id,
			authorId: expect.any(String)
		});
	});

	it('stores one message for a retried clientId, even when the retries race', async () => {
		const channel = await group(ana, [], 'Riprova');
		const send = () =>
			ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
				token: ana.token,
				body: { body: 'una volta sola', clientId: 'c-42' }
			});
		const answers = await Promise.all([send(), send(), send(), send()]);
		const ids = new Set(answers.map((a) => a.json.message.id));
		expect(answers.every((a) => a.status === 201)).toBe(true);
		expect(ids.size).toBe(1);
		const after = await send();
		expect(after.json.message.seq).toBe(1);
		const all = await ctx.call('GET', `/api/v1/channels/${channel.id}/messages?after=0`, {
			token: ana.token
		});
		expect(all.json.items).toHaveLength(1);
		const next = await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: ana.token,
			body: { body: 'un altro' }
		});
		expect(next.json.message.seq).toBe(2);
	});

	it('gives a client that was away every message once, in order', async () => {
		const channel = await group(ana, [bruno], 'Riconnessione');
		const brunoSocket = await socketOf(bruno, { reconnect: true });
		const feed = new ChannelFeed(channel.id, brunoSocket, async (id, after) => {
			const r = await ctx.call('GET', `/api/v1/channels/${id}/messages?after=${after}&limit=5`, {
				token: bruno.token
			});
			return r.json;
		});
		await feed.start();
		const say = (body: string) =>
			ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
				token: ana.token,
				body: { body }
			});
		await say('uno');
		await waitFor(() => feed.lastSeq === 1);
		// The connection drops (not a clean leave): messages go on meanwhile.
		brunoSocket.io.engine.close();
		for (let i = 2; i <= 13; i++) await say(`messaggio ${i}`);
		await waitFor(() => brunoSocket.connected, 10_000);
		await waitFor(() => feed.lastSeq === 13, 10_000);
		await say('quattordici');
		await waitFor(() => feed.lastSeq === 14);
		expect(feed.messages.map((m) => m.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
		feed.stop();
	});

	it('stops delivering to a removed member at once, and refuses their events', async () => {
		const channel = await group(ana, [bruno], 'Rimozione');
		const stillShared = await group(ana, [bruno], 'Rimane');
		const brunoSocket = await socketOf(bruno);
		const heard = recordEvents(brunoSocket, 'message:new');
		const got = heard.seen;
		const removed = new Promise((r) => brunoSocket.once('channel:removed', r));
		await ask(brunoSocket, 'channel:join', { channelId: channel.id });
		await ask(brunoSocket, 'channel:join', { channelId: stillShared.id });
		await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: ana.token,
			body: { body: 'prima' }
		});
		await waitFor(() => got.length === 1);
		expect(got[0].message.body).toBe('prima');
		const res = await ctx.call('DELETE', `/api/v1/channels/${channel.id}/members/${bruno.id}`, {
			token: ana.token
		});
		expect(res.status).toBe(200);
		await removed;
		await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: ana.token,
			body: { body: 'dopo' }
		});
		const send = await ask(brunoSocket, 'message:send', {
			channelId: channel.id,
			body: 'ci sono?'
		});
		expect(send).toMatchObject({ ok: false, error: { code: 'not_found' } });
		// The barrier: a message of a channel Bruno is still in, sent after the one he may not read.
		await ctx.call('POST', `/api/v1/channels/${stillShared.id}/messages`, {
			token: ana.token,
			body: { body: 'barriera' }
		});
		const before = await heard.until((p) => p.message.body === 'barriera');
		expect(before.map((p) => p.message.body)).toEqual(['prima']);
		const typing = await ask(brunoSocket, 'typing', { channelId: channel.id });
		expect(typing.ok).toBe(false);
	});

	it('edits and deletes own messages, keeps the place of a deleted one, and searches', async () => {
		const channel = await group(ana, [bruno], 'Modifiche');
		const sent = await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: ana.token,
			body: { body: 'Porto la spesa giovedì' }
		});
		const id = sent.json.message.id;
		const notMine = await ctx.call('PATCH', `/api/v1/messages/${id}`, {
			token: bruno.token,
			body: { body: 'cambiato' }
		});
		expect(notMine.status).toBe(403);
		const edited = await ctx.call('PATCH', `/api/v1/messages/${id}`, {
			token: ana.token,
			body: { body: 'Porto la spesa venerdì' }
		});
		expect(edited.json.message).toMatchObject({
			body: 'Porto la spesa venerdì',
			editedAt: expect.any(String)
		});
		const found = await ctx.call('GET', '/api/v1/messages?q=venerdì', { token: bruno.token });
		expect(found.json.items.map((m: { id: string }) => m.id)).toContain(id);
		const hidden = await ctx.call('GET', '/api/v1/messages?q=venerdì', { token: carla.token });
		expect(hidden.json.items).toEqual([]);
		const deleted = await ctx.call('DELETE', `/api/v1/messages/${id}`, { token: ana.token });
		expect(deleted.json.message).toMatchObject({ deleted: true, body: '', seq: 1 });
		const list = await ctx.call('GET', `/api/v1/channels/${channel.id}/messages`, {
			token: bruno.token
		});
		expect(list.json.items).toHaveLength(1);
		expect(list.json.items[0].deleted).toBe(true);
	});

	it('threads replies, tells mentioned people, and counts unread per member', async () => {
		const channel = await group(ana, [bruno, carla], 'Menzioni');
		const carlaSocket = await socketOf(carla);
		const mention = new Promise<any>((r) => carlaSocket.once('mention:new', r));
		const first = await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: ana.token,
			body: { body: '@Carla puoi chiamare tu?' }
		});
		expect(first.json.message.mentions).toEqual([carla.id]);
		expect((await mention).message.id).toBe(first.json.message.id);
		const reply = await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: carla.token,
			body: { body: 'Sì, chiamo io', parentId: first.json.message.id }
		});
		expect(reply.json.message.parentId).toBe(first.json.message.id);
		const unread = async (p: Person) =>
			(await ctx.call('GET', `/api/v1/channels/${channel.id}`, { token: p.token })).json.channel
				.unread;
		expect(await unread(bruno)).toBe(2);
		expect(await unread(carla)).toBe(0);
		expect(await unread(ana)).toBe(1);
		const read = await ctx.call('POST', `/api/v1/channels/${channel.id}/read`, {
			token: bruno.token,
			body: { seq: 1 }
		});
		expect(read.json).toEqual({ lastReadSeq: 1, unread: 1 });
		await ctx.call('POST', `/api/v1/channels/${channel.id}/read`, {
			token: bruno.token,
			body: { seq: 0 }
		});
		expect(await unread(bruno)).toBe(1);
	});

	it('tells who is online and typing to those in the channel', async () => {
		// Someone with no other tab open, so that "offline" is true of them.
		const dario = await signUpPerson(ctx.call, 'Dario');
		const channel = await group(ana, [dario], 'Presenza');
		const anaSocket = await socketOf(ana);
		await ask(anaSocket, 'channel:join', { channelId: channel.id });
		const online = new Promise<any>((r) =>
			anaSocket.on(
				'presence',
				(p) =>
					p.changes.some((c: any) => c.userId === dario.id) &&
					r(p.changes.find((c: any) => c.userId === dario.id))
			)
		);
		const darioSocket = await socketOf(dario);
		const joined = await ask(darioSocket, 'channel:join', { channelId: channel.id });
		expect(joined.presence).toMatchObject({ [ana.id]: 'online', [dario.id]: 'online' });
		expect((await online).status).toBe('online');
		const typing = new Promise<any>((r) => anaSocket.once('typing', r));
		await ask(darioSocket, 'typing', { channelId: channel.id });
		expect(await typing).toMatchObject({ channelId: channel.id, userId: dario.id, name: 'Dario' });
		const away = new Promise<any>((r) =>
			anaSocket.on('presence', (p) => {
				const c = p.changes.find((x: any) => x.userId === dario.id && x.status === 'away');
				if (c) r(c);
			})
		);
		await ask(darioSocket, 'presence:set', { status: 'away' });
		expect((await away).userId).toBe(dario.id);
		const offline = new Promise<any>((r) =>
			anaSocket.on('presence', (p) => {
				const c = p.changes.find((x: any) => x.userId === dario.id && x.status === 'offline');
				if (c) r(c);
			})
		);
		darioSocket.close();
		expect((await offline).userId).toBe(dario.id);
	});

	it('refuses a socket payload over 64 KB without disturbing others', async () => {
		const channel = await group(ana, [bruno], 'Grande');
		const big = await socketOf(ana);
		const other = await socketOf(bruno);
		const closed = new Promise((r) => big.once('disconnect', r));
		big.emit('message:send', { channelId: channel.id, body: 'x'.repeat(70 * 1024) });
		await closed;
		const ok = await ask(other, 'message:send', { channelId: channel.id, body: 'tutto bene' });
		expect(ok.ok).toBe(true);
		const http = await ctx.call('POST', `/api/v1/channels/${channel.id}/messages`, {
			token: bruno.token,
			raw: JSON.stringify({ body: 'x'.repeat(70 * 1024) })
		});
		expect(http.status).toBe(413);
	});
});

describe('channel rate limit', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer({ RATE_LIMIT_DISABLED: '' });
	});
	afterAll(() => server?.stop());

	it('answers the 21st message in 10 seconds with rate_limited, and others still send', async () => {
		const call = apiClient(server.url);
		const first = await signUpPerson(call, 'Flood');
		const second = await signUpPerson(call, 'Calm');
		const res = await call('POST', '/api/v1/channels', {
			token: first.token,
			body: { kind: 'group', name: 'Diluvio', members: [second.id] }
		});
		const path = `/api/v1/channels/${res.json.channel.id}/messages`;
		const statuses: number[] = [];
		for (let i = 0; i < 21; i++)
			statuses.push(
				(await call('POST', path, { token: first.token, body: { body: `m${i}` } })).status
			);
		expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
		expect(statuses[20]).toBe(429);
		const calm = await call('POST', path, { token: second.token, body: { body: 'io posso' } });
		expect(calm.status).toBe(201);
	});
});
