// The notification centre: only the people an event concerns are told, live on their sockets;
// each reads and marks their own.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpPerson, type Person } from '../helpers/people';
import { useServer } from '../helpers/server';
import { connectSocket, nextEvent, recordEvents } from '../helpers/sockets';

const ctx = useServer();
let author: Person, helper: Person, bystander: Person;
const sockets: Socket[] = [];

beforeAll(async () => {
	await signUpPerson(ctx.call, 'Admin');
	author = await signUpPerson(ctx.call, 'Rosa');
	helper = await signUpPerson(ctx.call, 'Vito');
	bystander = await signUpPerson(ctx.call, 'Ugo');
});
afterAll(() => sockets.forEach((s) => s.close()));

describe('notifications', () => {
	it('tells the author, live, that someone took on their need, and nobody else', async () => {
		const authorSocket = await connectSocket(ctx.server.url, { token: author.token });
		const bystanderSocket = await connectSocket(ctx.server.url, { token: bystander.token });
		sockets.push(authorSocket, bystanderSocket);
		const bystanderHears = recordEvents(bystanderSocket, 'notification:new');
		const need = await ctx.call('POST', '/api/v1/needs', {
			token: author.token,
			body: { title: 'Spesa del giovedì', description: 'Pane', category: 'food' }
		});
		const told = nextEvent(authorSocket, 'notification:new');
		const claim = await ctx.call('POST', `/api/v1/needs/${need.json.need.id}/claims`, {
			token: helper.token,
			body: {}
		});
		expect(claim.status).toBe(201);
		const { notification } = await told;
		expect(notification).toMatchObject({
			kind: 'claim_on_my_need',
			read: false,
			data: { needId: need.json.need.id, title: 'Spesa del giovedì', who: 'Vito' }
		});
		const list = await ctx.call('GET', '/api/v1/notifications', { token: author.token });
		expect(list.json).toMatchObject({ unread: 1, nextCursor: null });
		expect(list.json.items).toHaveLength(1);
		for (const other of [helper, bystander]) {
			const theirs = await ctx.call('GET', '/api/v1/notifications', { token: other.token });
			expect(theirs.json.items).toEqual([]);
		}

		// Someone else's ids mark nothing; one's own mark read, and every open page hears it.
		const foreign = await ctx.call('POST', '/api/v1/notifications/read', {
			token: bystander.token,
			body: { ids: [notification.id] }
		});
		expect(foreign.json.unread).toBe(0);
		expect(
			(await ctx.call('GET', '/api/v1/notifications', { token: author.token })).json.unread
		).toBe(1);
		const count = nextEvent(authorSocket, 'notification:count');
		const read = await ctx.call('POST', '/api/v1/notifications/read', {
			token: author.token,
			body: { ids: [notification.id] }
		});
		expect(read.json.unread).toBe(0);
		expect((await count).unread).toBe(0);

		// The barrier: a notification of the bystander's own, sent after all of the author's.
		const theirs = await ctx.call('POST', '/api/v1/needs', {
			token: bystander.token,
			body: { title: 'Farmacia del venerdì', description: 'Ricetta', category: 'health' }
		});
		await ctx.call('POST', `/api/v1/needs/${theirs.json.need.id}/claims`, {
			token: helper.token,
			body: {}
		});
		const before = await bystanderHears.until(
			(p) => p.notification.data.needId === theirs.json.need.id
		);
		expect(before).toEqual([]);
	});

	it('tells a socket the unread count as it connects, so a notice before it is not lost', async () => {
		const unreadNow = async () =>
			(await ctx.call('GET', '/api/v1/notifications', { token: bystander.token })).json
				.unread as number;
		const before = await unreadNow();
		const need = await ctx.call('POST', '/api/v1/needs', {
			token: bystander.token,
			body: { title: 'Posta del lunedì', description: 'Bollette', category: 'other' }
		});
		await ctx.call('POST', `/api/v1/needs/${need.json.need.id}/claims`, {
			token: helper.token,
			body: {}
		});
		// The notice is written just after the claim's answer: wait until it is counted.
		let unread = await unreadNow();
		for (let i = 0; i < 50 && unread === before; i++) {
			await new Promise((r) => setTimeout(r, 50));
			unread = await unreadNow();
		}
		expect(unread).toBe(before + 1);
		// autoConnect off: the listener is in place before the first packet can arrive.
		const socket = io(ctx.server.url, {
			auth: { token: bystander.token },
			transports: ['websocket'],
			reconnection: false,
			forceNew: true,
			autoConnect: false
		});
		sockets.push(socket);
		const count = nextEvent(socket, 'notification:count');
		socket.connect();
		expect((await count).unread).toBe(unread);
	});

	it('tells the people mentioned in a channel', async () => {
		const channel = await ctx.call('POST', '/api/v1/channels', {
			token: helper.token,
			body: { kind: 'group', name: 'Giovedì', members: [author.id] }
		});
		await ctx.call('POST', `/api/v1/channels/${channel.json.channel.id}/messages`, {
			token: helper.token,
			body: { body: '@Rosa arrivo alle 10' }
		});
		// The notification is written after the message's answer: wait for it to arrive.
		let list = await ctx.call('GET', '/api/v1/notifications', { token: author.token });
		for (let i = 0; i < 50 && list.json.items[0]?.kind !== 'mention'; i++) {
			await new Promise((r) => setTimeout(r, 50));
			list = await ctx.call('GET', '/api/v1/notifications', { token: author.token });
		}
		expect(list.json.items[0]).toMatchObject({
			kind: 'mention',
			data: { channelName: 'Giovedì', who: 'Vito' }
		});
	});

	it('refuses bad input and strangers', async () => {
		const bad = await ctx.call('POST', '/api/v1/notifications/read', {
			token: author.token,
			body: { ids: ['nope'] }
		});
		expect(bad.status).toBe(400);
		const anonymous = await ctx.call('GET', '/api/v1/notifications');
		expect(anonymous.status).toBe(401);
	});
});
