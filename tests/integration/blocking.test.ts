/* eslint-disable @typescript-eslint/no-explicit-any -- API and socket payloads in tests are read loosely */
// Consent (issue #11, finding 9): someone put into a group or an organisation is told at once,
// and may block whoever did it; a blocked person can no longer add them anywhere or message them
// directly. The API's calls for adding stay as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpPerson, type Person } from '../helpers/people';
import { goodPassword, uniqueEmail, useServer } from '../helpers/server';
import { connectSocket } from '../helpers/sockets';
import type { Socket } from 'socket.io-client';

const ctx = useServer();
let ana: Person, bruno: Person, carla: Person;
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

beforeAll(async () => {
	await signUpPerson(ctx.call, 'Admin');
	ana = await signUpPerson(ctx.call, 'Ana Coordinatrice');
	bruno = await signUpPerson(ctx.call, 'Bruno Disturbato');
	carla = await signUpPerson(ctx.call, 'Carla Terza');
});

const as = (who: Person) => ({
	post: (path: string, body: unknown = {}) => ctx.call('POST', path, { token: who.token, body }),
	del: (path: string) => ctx.call('DELETE', path, { token: who.token }),
	get: (path: string) => ctx.call('GET', path, { token: who.token })
});

async function notificationsOf(who: Person) {
	return (await as(who).get('/api/v1/notifications')).json.items as any[];
}

async function organisationOf(who: Person, name: string) {
	const res = await as(who).post('/api/v1/organisations', { name, kind: 'ngo' });
	expect(res.status, JSON.stringify(res.json)).toBe(201);
	return res.json.organisation.id as string;
}

describe('told at once when added', () => {
	it('to a group, with who did it, live on their socket', async () => {
		const socket = await connectSocket(ctx.server.url, { token: bruno.token });
		sockets.push(socket);
		const live = new Promise<any>((resolve) =>
			socket.on('notification:new', (p: any) => {
				if (p.notification.kind === 'added_to_group') resolve(p.notification);
			})
		);
		const created = await as(ana).post('/api/v1/channels', {
			kind: 'group',
			name: 'Gruppo non richiesto',
			members: [bruno.id]
		});
		expect(created.status).toBe(201);
		const notification = await live;
		expect(notification.data).toMatchObject({
			channelId: created.json.channel.id,
			channelName: 'Gruppo non richiesto',
			who: 'Ana Coordinatrice',
			byId: ana.id
		});
		// Added later to another group: told again. The creator is never told about themselves.
		const other = await as(ana).post('/api/v1/channels', { kind: 'group', name: 'Altro' });
		const add = await as(ana).post(`/api/v1/channels/${other.json.channel.id}/members`, {
			userId: carla.id
		});
		expect(add.status).toBe(201);
		await expect
			.poll(async () => (await notificationsOf(carla)).map((n) => n.kind))
			.toContain('added_to_group');
		expect((await notificationsOf(ana)).some((n) => n.kind.startsWith('added_to'))).toBe(false);
	});

	it('to an organisation', async () => {
		const organisationId = await organisationOf(ana, 'Associazione Aggiungi');
		const add = await as(ana).post(`/api/v1/organisations/${organisationId}/members`, {
			userId: carla.id,
			role: 'volunteer'
		});
		expect(add.status, JSON.stringify(add.json)).toBe(201);
		await expect
			.poll(async () =>
				(await notificationsOf(carla)).find((n) => n.kind === 'added_to_organisation')
			)
			.toMatchObject({
				data: {
					organisationId,
					organisationName: 'Associazione Aggiungi',
					who: 'Ana Coordinatrice',
					byId: ana.id
				}
			});
	});
});

describe('blocking', () => {
	let direct: string;

	it('POST …/block answers 204, the list shows them, again is fine', async () => {
		const opened = await as(ana).post('/api/v1/channels', { kind: 'direct', members: [bruno.id] });
		expect(opened.status).toBe(201);
		direct = opened.json.channel.id;
		expect((await as(bruno).post(`/api/v1/people/${ana.id}/block`)).status).toBe(204);
		expect((await as(bruno).post(`/api/v1/people/${ana.id}/block`)).status).toBe(204);
		const list = await as(bruno).get('/api/v1/me/blocks');
		expect(list.status).toBe(200);
		expect(list.json.items).toEqual([
			{ userId: ana.id, name: 'Ana Coordinatrice', since: expect.any(String) }
		]);
		expect((await as(ana).get('/api/v1/me/blocks')).json.items).toEqual([]);
	});

	it('refuses oneself, nobody, and the signed out', async () => {
		expect((await as(bruno).post(`/api/v1/people/${bruno.id}/block`)).status).toBe(400);
		const nobody = '00000000-0000-4000-8000-000000000000';
		expect((await as(bruno).post(`/api/v1/people/${nobody}/block`)).status).toBe(404);
		expect((await ctx.call('POST', `/api/v1/people/${ana.id}/block`)).status).toBe(401);
		expect((await as(bruno).post('/api/v1/people/not-an-id/block')).status).toBe(404);
	});

	it('the blocked one cannot add the blocker to a group, new or existing', async () => {
		const created = await as(ana).post('/api/v1/channels', {
			kind: 'group',
			name: 'Di nuovo',
			members: [bruno.id, carla.id]
		});
		expect(created.status).toBe(403);
		expect(created.json.reason).toBe('blocked');
		// Said without naming who refused, in the caller's language.
		expect(created.json.error.message).toMatch(/\w/);
		expect(JSON.stringify(created.json)).not.toContain(bruno.id);

		const group = await as(ana).post('/api/v1/channels', { kind: 'group', name: 'Vuoto' });
		const add = await as(ana).post(`/api/v1/channels/${group.json.channel.id}/members`, {
			userId: bruno.id
		});
		expect(add.status).toBe(403);
		expect(add.json.reason).toBe('blocked');
		// Others are still added as before.
		const addCarla = await as(ana).post(`/api/v1/channels/${group.json.channel.id}/members`, {
			userId: carla.id
		});
		expect(addCarla.status).toBe(201);
	});

	it('nor to an organisation', async () => {
		const organisationId = await organisationOf(ana, 'Associazione Bloccata');
		const add = await as(ana).post(`/api/v1/organisations/${organisationId}/members`, {
			userId: bruno.id,
			role: 'volunteer'
		});
		expect(add.status).toBe(403);
		expect(add.json.reason).toBe('blocked');
		const members = await as(ana).get(`/api/v1/organisations/${organisationId}/members`);
		expect(members.json.items.map((m: any) => m.userId)).not.toContain(bruno.id);
	});

	it('nor message them directly (HTTP and socket), nor open a new direct conversation', async () => {
		const http = await as(ana).post(`/api/v1/channels/${direct}/messages`, { body: 'ciao?' });
		expect(http.status).toBe(403);
		expect(http.json.reason).toBe('blocked');
		const socket = await connectSocket(ctx.server.url, { token: ana.token });
		sockets.push(socket);
		const sent: any = await new Promise((resolve) =>
			socket.emit('message:send', { channelId: direct, body: 'ciao?' }, resolve)
		);
		expect(sent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const reopen = await as(ana).post('/api/v1/channels', { kind: 'direct', members: [bruno.id] });
		expect(reopen.status).toBe(403);
		expect(reopen.json.reason).toBe('blocked');
		// The blocker may still write; a third person too.
		expect(
			(await as(bruno).post(`/api/v1/channels/${direct}/messages`, { body: 'basta' })).status
		).toBe(201);
		const withCarla = await as(carla).post('/api/v1/channels', {
			kind: 'direct',
			members: [ana.id]
		});
		expect(withCarla.status).toBe(201);
	});

	it('the reason reads in each person’s language', async () => {
		const res = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail('eve'), password: goodPassword, name: 'Eve', locale: 'en' }
		});
		const eve = { id: res.json.user.id, token: res.json.token } as Person;
		const opened = await as(eve).post('/api/v1/channels', { kind: 'direct', members: [bruno.id] });
		expect((await as(bruno).post(`/api/v1/people/${eve.id}/block`)).status).toBe(204);
		for (const [who, channelId, pattern] of [
			[ana, direct, /non desidera/],
			[eve, opened.json.channel.id, /does not wish/]
		] as const) {
			const socket = await connectSocket(ctx.server.url, { token: who.token });
			sockets.push(socket);
			const sent: any = await new Promise((resolve) =>
				socket.emit('message:send', { channelId, body: 'ciao?' }, resolve)
			);
			expect(sent.error.message).toMatch(pattern);
		}
	});

	it('DELETE …/block gives back the way: adding works again', async () => {
		expect((await as(bruno).del(`/api/v1/people/${ana.id}/block`)).status).toBe(204);
		expect((await as(bruno).del(`/api/v1/people/${ana.id}/block`)).status).toBe(204);
		const left = (await as(bruno).get('/api/v1/me/blocks')).json.items;
		expect(left.map((b: any) => b.userId)).not.toContain(ana.id);
		const message = await as(ana).post(`/api/v1/channels/${direct}/messages`, { body: 'scusa' });
		expect(message.status).toBe(201);
	});
});
