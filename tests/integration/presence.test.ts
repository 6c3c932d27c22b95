/* eslint-disable @typescript-eslint/no-explicit-any -- socket payloads in tests are read loosely */
// "Who is on it, right now": people with a need's page open see each other, and see who is
// calling (visiting…) the person, live, over real sockets and the HTTP API of a running server.
// Expiry after 15 minutes is checked in-process, with the injectable clock.
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { activitiesOf, startActivity, stopActivity } from '../../src/lib/server/needs/activities';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { codeWithReason, signedUpActor } from '../helpers/outcomes';
import { signUpPerson, verifiedOrganisation, type Person } from '../helpers/people';
import { useServer } from '../helpers/server';
import { ask, connectSocket, nextEvent, recordEvents } from '../helpers/sockets';

const MINUTE = 60_000;
const ctx = useServer();
let ana: Person, bruno: Person, carla: Person;
let organisation: { id: string; name: string };
let publicNeed: string, privateNeed: string;

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function socketOf(person: Person) {
	const socket = await connectSocket(ctx.server.url, { token: person.token });
	sockets.push(socket);
	return socket;
}

/** The next `need:presence` of a need that satisfies `match`, within 5 s. */
const nextPresence = (socket: Socket, needId: string, match: (p: any) => boolean) =>
	nextEvent(socket, 'need:presence', (p) => p.needId === needId && match(p));

const viewerIds = (p: any) => p.viewers.map((v: any) => v.userId).sort();
const of = (needId: string) => (p: any) => p.needId === needId;

async function post(person: Person, path: string, body: unknown) {
	return ctx.call('POST', path, { token: person.token, body });
}

beforeAll(async () => {
	ana = await signUpPerson(ctx.call, 'Ana Coordinatrice');
	bruno = await signUpPerson(ctx.call, 'Bruno Operatore');
	carla = await signUpPerson(ctx.call, 'Carla Esterna');
	// Ana founded the network (its administrator) and verifies her own organisation.
	const organisationId = await verifiedOrganisation(ctx.call, ana, ana, 'Caritas Presenze');
	organisation = { id: organisationId, name: 'Caritas Presenze' };
	await post(ana, `/api/v1/organisations/${organisation.id}/members`, {
		userId: bruno.id,
		role: 'operator'
	});
	// The public need is open to anyone, so that a helper from outside may take it on.
	const need = (title: string, visibility: string, claimRule: string) =>
		post(ana, '/api/v1/needs', {
			title,
			description: 'Una telefonata alla signora',
			category: 'company',
			organisationId: organisation.id,
			visibility,
			claimRule,
			allowDuplicate: true
		}).then((r) => {
			expect(r.status, JSON.stringify(r.json)).toBe(201);
			return r.json.need.id as string;
		});
	publicNeed = await need('Compagnia per la signora Rina', 'public', 'anyone');
	privateNeed = await need('Telefonata riservata', 'organisation', 'organisation');
});

describe('who is looking', () => {
	it('two people with the page open see each other, with their organisation', async () => {
		const atAna = await socketOf(ana);
		const first = await ask(atAna, 'need:watch', { needId: publicNeed });
		expect(first.ok, JSON.stringify(first)).toBe(true);
		expect(first.presence).toMatchObject({ needId: publicNeed, activities: [] });
		expect(viewerIds(first.presence)).toEqual([ana.id]);

		const brunoArrives = nextPresence(atAna, publicNeed, (p) => viewerIds(p).includes(bruno.id));
		const atBruno = await socketOf(bruno);
		const second = await ask(atBruno, 'need:watch', { needId: publicNeed });
		expect(viewerIds(second.presence)).toEqual([ana.id, bruno.id].sort());
		const seen = await brunoArrives;
		expect(seen.viewers).toContainEqual({
			userId: bruno.id,
			name: 'Bruno Operatore',
			organisation: 'Caritas Presenze'
		});

		// A second tab of the same person is one viewer, not two.
		const atBrunoAgain = await socketOf(bruno);
		const third = await ask(atBrunoAgain, 'need:watch', { needId: publicNeed });
		expect(viewerIds(third.presence)).toEqual([ana.id, bruno.id].sort());

		// Leaving the page (one tab) keeps the person; closing the last one removes them.
		await ask(atBrunoAgain, 'need:unwatch', { needId: publicNeed });
		const brunoLeaves = nextPresence(atAna, publicNeed, (p) => !viewerIds(p).includes(bruno.id));
		atBruno.close();
		await brunoLeaves;
		atBrunoAgain.close();
		atAna.close();
	});

	it('an outsider cannot watch an organisation-only need, and is told nothing about it', async () => {
		const atCarla = await socketOf(carla);
		const refused = await ask(atCarla, 'need:watch', { needId: privateNeed });
		expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
		// Not found, exactly like a need that does not exist.
		const missing = await ask(atCarla, 'need:watch', {
			needId: '00000000-0000-4000-8000-000000000000'
		});
		expect(missing.error).toEqual(refused.error);
		const glance = await ask(atCarla, 'needs:glance', { needIds: [privateNeed, publicNeed] });
		expect(glance).toMatchObject({ ok: true, presence: [] });

		const carlaHears = recordEvents(atCarla, 'need:presence');
		const atAna = await socketOf(ana);
		expect((await ask(atAna, 'need:watch', { needId: privateNeed })).ok).toBe(true);
		const res = await post(bruno, `/api/v1/needs/${privateNeed}/activity`, { kind: 'calling' });
		expect(res.status).toBe(200);
		await nextPresence(atAna, privateNeed, (p) => p.activities.length === 1);
		// The barrier: a change Carla may hear of, through the same fan-out, sent after that one.
		expect((await ask(atCarla, 'need:watch', { needId: publicNeed })).ok).toBe(true);
		await post(bruno, `/api/v1/needs/${publicNeed}/activity`, { kind: 'calling' });
		const before = await carlaHears.until((p) => of(publicNeed)(p) && p.activities.length === 1);
		expect(before.filter(of(privateNeed))).toEqual([]);
		await ctx.call('DELETE', `/api/v1/needs/${publicNeed}/activity`, { token: bruno.token });
		atCarla.close();
		// Nor can she say she is acting on it.
		const acting = await post(carla, `/api/v1/needs/${privateNeed}/activity`, { kind: 'calling' });
		expect(acting.status).toBe(404);
		await ctx.call('DELETE', `/api/v1/needs/${privateNeed}/activity`, { token: bruno.token });
		atAna.close();
	});

	it('someone removed from the organisation stops being in its private needs at once', async () => {
		const dario = await signUpPerson(ctx.call, 'Dario Uscente');
		await post(ana, `/api/v1/organisations/${organisation.id}/members`, {
			userId: dario.id,
			role: 'volunteer'
		});
		const atAna = await socketOf(ana);
		const atDario = await socketOf(dario);
		await ask(atAna, 'need:watch', { needId: privateNeed });
		const darioArrives = nextPresence(atAna, privateNeed, (p) => viewerIds(p).includes(dario.id));
		expect((await ask(atDario, 'need:watch', { needId: privateNeed })).ok).toBe(true);
		await darioArrives;

		const darioGone = nextPresence(atAna, privateNeed, (p) => !viewerIds(p).includes(dario.id));
		const removed = await ctx.call(
			'DELETE',
			`/api/v1/organisations/${organisation.id}/members/${dario.id}`,
			{ token: ana.token }
		);
		expect(removed.status).toBe(204);
		await darioGone;
		// Nothing more about the need reaches Dario.
		const darioHears = recordEvents(atDario, 'need:presence');
		expect((await ask(atDario, 'need:watch', { needId: publicNeed })).ok).toBe(true);
		const anaActs = nextPresence(atAna, privateNeed, (p) => p.activities.length === 1);
		await post(ana, `/api/v1/needs/${privateNeed}/activity`, { kind: 'calling' });
		await anaActs;
		// The barrier: a change of a need Dario still sees, sent after the one he may not.
		await post(bruno, `/api/v1/needs/${publicNeed}/activity`, { kind: 'calling' });
		const before = await darioHears.until((p) => of(publicNeed)(p) && p.activities.length === 1);
		expect(before.filter(of(privateNeed))).toEqual([]);
		await ctx.call('DELETE', `/api/v1/needs/${privateNeed}/activity`, { token: ana.token });
		await ctx.call('DELETE', `/api/v1/needs/${publicNeed}/activity`, { token: bruno.token });
		atAna.close();
		atDario.close();
	});

	it("names viewers and helpers only to the need's circle; an outsider learns how many", async () => {
		const atAna = await socketOf(ana);
		const atBruno = await socketOf(bruno);
		await ask(atAna, 'need:watch', { needId: publicNeed });
		await ask(atBruno, 'need:watch', { needId: publicNeed });
		const anaSeesCarla = nextPresence(atAna, publicNeed, (p) => viewerIds(p).includes(carla.id));
		const atCarla = await socketOf(carla);
		const outsiderSees = recordEvents(atCarla, 'need:presence').seen;
		const watched = await ask(atCarla, 'need:watch', { needId: publicNeed });
		expect(watched.ok, JSON.stringify(watched)).toBe(true);
		expect(watched.presence).toMatchObject({ needId: publicNeed, viewers: [], viewerCount: 3 });
		// The circle sees everyone looking by name, the outsider included.
		const inside = await anaSeesCarla;
		expect(inside.viewerCount).toBe(3);
		expect(inside.viewers).toContainEqual({
			userId: carla.id,
			name: 'Carla Esterna',
			organisation: null
		});

		const res = await post(bruno, `/api/v1/needs/${publicNeed}/activity`, { kind: 'calling' });
		expect(res.status).toBe(200);
		const named = await nextPresence(atAna, publicNeed, (p) => p.activities.length === 1);
		expect(named.activities[0]).toMatchObject({ userId: bruno.id, name: 'Bruno Operatore' });
		const anonymous = await nextPresence(atCarla, publicNeed, (p) => p.activities.length === 1);
		expect(anonymous).toMatchObject({ viewers: [], viewerCount: 3 });
		expect(anonymous.activities[0]).toMatchObject({ name: null, organisation: null });
		const stopped = nextPresence(atCarla, publicNeed, (p) => p.activities.length === 0);
		await ctx.call('DELETE', `/api/v1/needs/${publicNeed}/activity`, { token: bruno.token });
		await stopped;
		// Nothing Carla received names or identifies who looks or acts.
		const everything = JSON.stringify([watched, ...outsiderSees]);
		expect(outsiderSees.length).toBeGreaterThan(0);
		for (const secret of [ana.id, bruno.id, 'Ana Coordinatrice', 'Bruno Operatore', 'Caritas'])
			expect(everything).not.toContain(secret);
		for (const socket of [atAna, atBruno, atCarla]) socket.close();
	});

	it('a list glancing at needs hears of them without counting as looking', async () => {
		const board = await socketOf(carla);
		// Those who looked before have left once the server has seen their sockets close.
		await expect
			.poll(async () => (await ask(board, 'needs:glance', { needIds: [publicNeed] })).presence)
			.toEqual([]);
		const quiet = await ask(board, 'needs:glance', { needIds: [publicNeed] });
		expect(quiet).toMatchObject({ ok: true, presence: [] });

		const anaArrives = nextPresence(board, publicNeed, (p) => p.viewerCount === 1);
		const atAna = await socketOf(ana);
		await ask(atAna, 'need:watch', { needId: publicNeed });
		const seen = await anaArrives;
		// Carla is outside the need's circle: someone is looking, not who.
		expect(seen.viewers).toEqual([]);
		expect(JSON.stringify(seen)).not.toContain(ana.id);

		// A new glance answers with the presence there is now, and replaces the old one.
		const again = await ask(board, 'needs:glance', { needIds: [publicNeed] });
		expect(again.presence.map((p: any) => p.needId)).toEqual([publicNeed]);
		await ask(board, 'needs:glance', { needIds: [] });
		const after = recordEvents(board, 'need:presence');
		const atBruno = await socketOf(bruno);
		await ask(atBruno, 'need:watch', { needId: publicNeed });
		const anaGone = nextPresence(atBruno, publicNeed, (p) => !viewerIds(p).includes(ana.id));
		atAna.close();
		await anaGone;
		// The barrier: glancing again, the board hears of Bruno leaving, after all of that.
		await ask(board, 'needs:glance', { needIds: [publicNeed] });
		await ask(atBruno, 'need:unwatch', { needId: publicNeed });
		expect(await after.until((p) => of(publicNeed)(p) && p.viewerCount === 0)).toEqual([]);
		atBruno.close();
		board.close();
	});
});

describe('who is acting on it', () => {
	it('start, extend and stop over HTTP are seen live by the others', async () => {
		const atAna = await socketOf(ana);
		await ask(atAna, 'need:watch', { needId: publicNeed });
		const calling = nextPresence(atAna, publicNeed, (p) => p.activities.length === 1);
		const before = Date.now();
		const started = await post(bruno, `/api/v1/needs/${publicNeed}/activity`, {
			kind: 'calling'
		});
		expect(started.status, JSON.stringify(started.json)).toBe(200);
		const { activity } = started.json;
		expect(activity.kind).toBe('calling');
		const left = Date.parse(activity.expiresAt) - before;
		expect(left).toBeGreaterThan(14 * MINUTE);
		expect(left).toBeLessThanOrEqual(15 * MINUTE + 1000);
		const atCarla = await socketOf(carla);
		const carlaSees = nextPresence(atCarla, publicNeed, (p) => p.activities.length === 1);
		await ask(atCarla, 'need:watch', { needId: publicNeed });
		const seen = await calling;
		// Carla may see the need but not its helpers: someone is calling, not who.
		const outsider = await carlaSees;
		expect(outsider.activities).toEqual([
			{
				userId: 'someone-0',
				name: null,
				organisation: null,
				kind: 'calling',
				expiresAt: activity.expiresAt
			}
		]);
		expect(JSON.stringify(outsider)).not.toContain(bruno.id);
		atCarla.close();
		expect(seen.activities).toEqual([
			{
				userId: bruno.id,
				name: 'Bruno Operatore',
				organisation: 'Caritas Presenze',
				kind: 'calling',
				expiresAt: activity.expiresAt
			}
		]);
		expect(Date.parse(seen.now)).toBeGreaterThanOrEqual(before - 1000);

		// "15 more minutes": the same activity, a later end, the same start.
		await new Promise((r) => setTimeout(r, 20));
		const extended = nextPresence(
			atAna,
			publicNeed,
			(p) => p.activities[0]?.expiresAt > activity.expiresAt
		);
		const again = await post(bruno, `/api/v1/needs/${publicNeed}/activity`, { kind: 'calling' });
		expect(again.json.activity.startedAt).toBe(activity.startedAt);
		expect(Date.parse(again.json.activity.expiresAt)).toBeGreaterThan(
			Date.parse(activity.expiresAt)
		);
		await extended;

		const stopped = nextPresence(atAna, publicNeed, (p) => p.activities.length === 0);
		const done = await ctx.call('DELETE', `/api/v1/needs/${publicNeed}/activity`, {
			token: bruno.token
		});
		expect(done.status).toBe(204);
		await stopped;
		atAna.close();
	});

	it('only those who can reach the person act on it, and only while it is open', async () => {
		// Carla sees the public need but is neither its organisation nor a helper.
		const refused = await post(carla, `/api/v1/needs/${publicNeed}/activity`, { kind: 'calling' });
		expect(refused.status).toBe(403);
		// Once she holds a claim, she may.
		expect((await post(carla, `/api/v1/needs/${publicNeed}/claims`, {})).status).toBe(201);
		const helping = await post(carla, `/api/v1/needs/${publicNeed}/activity`, {
			kind: 'visiting'
		});
		expect(helping.status).toBe(200);
		// Her organisation-less name travels without one.
		const atAna = await socketOf(ana);
		const watched = await ask(atAna, 'need:watch', { needId: publicNeed });
		expect(watched.presence.activities).toMatchObject([
			{ userId: carla.id, organisation: null, kind: 'visiting' }
		]);

		const closing = nextPresence(atAna, publicNeed, (p) => p.activities.length === 0);
		const completed = await post(ana, `/api/v1/needs/${publicNeed}/complete`, {
			outcome: 'done'
		});
		expect(completed.status).toBe(200);
		// A closed need has nobody acting on it any more.
		await closing;
		const late = await post(bruno, `/api/v1/needs/${publicNeed}/activity`, { kind: 'calling' });
		expect(late.status).toBe(409);
		expect(late.json.error.code).toBe('conflict');
		atAna.close();
	});
});

describe('bad input', () => {
	it('is refused with a clear validation error, never a 5xx', async () => {
		const socket = await socketOf(ana);
		for (const [event, payload, field] of [
			['need:watch', { needId: 'nope' }, 'needId'],
			['need:watch', null, 'needId'],
			['need:unwatch', {}, 'needId'],
			['needs:glance', { needIds: 'x' }, 'needIds'],
			['needs:glance', { needIds: Array.from({ length: 101 }, () => privateNeed) }, 'needIds'],
			['needs:glance', { needIds: ['bad\u0000id'] }, 'needIds.0']
		] as const) {
			const answer = await ask(socket, event, payload);
			expect(answer.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
			expect(answer.error.code).toBe('invalid_input');
			expect(Object.keys(answer.error.fields)).toContain(field);
		}
		const path = `/api/v1/needs/${privateNeed}/activity`;
		const wrongKind = await post(bruno, path, { kind: 'dancing' });
		expect(wrongKind.status).toBe(400);
		expect(Object.keys(wrongKind.json.error.fields)).toEqual(['kind']);
		const malformed = await ctx.call('POST', path, { token: bruno.token, raw: '{"kind":' });
		expect(malformed.status).toBe(400);
		expect((await ctx.call('POST', path, { body: { kind: 'calling' } })).status).toBe(401);
		const badId = await post(bruno, '/api/v1/needs/not-an-id/activity', { kind: 'calling' });
		expect(badId.status).toBe(404);
	});
});

describe('expiry', () => {
	let database: Awaited<ReturnType<typeof useTestDatabase>>;
	beforeAll(async () => {
		database = await useTestDatabase({ LOG_LEVEL: 'silent' });
	});
	afterAll(() => database.close());
	afterEach(() => resetClock());

	it('an activity lapses after 15 minutes unless extended, which restarts them', async () => {
		const author = await signedUpActor('Autrice');
		const stranger = await signedUpActor('Estranea');
		const need = await postNeed(author);
		expect(await codeWithReason(startActivity(stranger, need.id, { kind: 'calling' }))).toBe(
			'forbidden'
		);
		await startActivity(author, need.id, { kind: 'shopping' });
		advanceClock(14 * MINUTE);
		expect((await activitiesOf([need.id])).get(need.id)).toHaveLength(1);
		// Extending at minute 14 gives a full 15 minutes from then.
		const extended = await startActivity(author, need.id, { kind: 'shopping' });
		advanceClock(14 * MINUTE);
		expect((await activitiesOf([need.id])).get(need.id)).toMatchObject([
			{ kind: 'shopping', expiresAt: extended.expiresAt }
		]);
		advanceClock(MINUTE + 1000);
		expect((await activitiesOf([need.id])).get(need.id)).toBeUndefined();
		// A lapsed activity started again is a new one.
		const fresh = await startActivity(author, need.id, { kind: 'shopping' });
		expect(fresh.startedAt).not.toBe(extended.startedAt);
		await stopActivity(author, need.id);
		expect((await activitiesOf([need.id])).size).toBe(0);
	});
});
