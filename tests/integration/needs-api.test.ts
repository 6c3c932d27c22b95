// docs/api.md "Needs and claims" and the live board, over real HTTP and real socket.io clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { useServer } from '../helpers/server';
import { signUpPerson, verifiedOrganisation, type Person } from '../helpers/people';
import { connectSocket, nextEvent, recordEvents } from '../helpers/sockets';

const ctx = useServer();
let resident: Person;
let volunteer: Person;
let volunteer2: Person;
let coordinator: Person;
let operator: Person;
let orgId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
	// The first account administers; it only verifies the organisation, the tests need a plain network.
	const admin = await signUpPerson(ctx.call, 'Admin');
	resident = await signUpPerson(ctx.call, 'Rosa Residente');
	volunteer = await signUpPerson(ctx.call, 'Vito Volontario');
	volunteer2 = await signUpPerson(ctx.call, 'Vale Volontaria');
	coordinator = await signUpPerson(ctx.call, 'Carla Coordinatrice');
	operator = await signUpPerson(ctx.call, 'Otto Operatore');
	// Verified: its needs carry contacts.
	orgId = await verifiedOrganisation(ctx.call, admin, coordinator, 'Servizi Sociali');
	await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
		token: coordinator.token,
		body: { userId: operator.id, role: 'operator' }
	});
});
afterAll(() => {
	for (const s of sockets) s.close();
});

async function post(who: Person, body: Record<string, unknown>) {
	return ctx.call('POST', '/api/v1/needs', {
		token: who.token,
		body: { description: 'Una mano, per favore.', category: 'food', ...body }
	});
}

async function subscribedSocket(who: Person) {
	const socket = await connectSocket(ctx.server.url, { token: who.token });
	sockets.push(socket);
	const ack = await socket.emitWithAck('board:subscribe', {});
	expect(ack).toEqual({ ok: true });
	return socket;
}

describe('claims', () => {
	it('a claim holds a slot; capacity full answers 409 already_claimed; the author cannot claim', async () => {
		const need = (
			await post(resident, {
				title: 'Compagnia il pomeriggio',
				capacity: 2,
				contact: 'Rosa, 333 111'
			})
		).json.need;
		expect(need).toMatchObject({ status: 'open', capacity: 2, claimedCount: 0 });
		expect(need.parts).toHaveLength(1);
		expect(
			(
				await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, {
					token: resident.token,
					body: {}
				})
			).status
		).toBe(403);

		const first = await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, {
			token: volunteer.token,
			body: {}
		});
		expect(first.status).toBe(201);
		expect(Object.keys(first.json.claim).sort()).toEqual(
			expect.arrayContaining(['expiresAt', 'id', 'needId', 'userId'])
		);
		expect(first.json.claim.userId).toBe(volunteer.id);
		const again = await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, {
			token: volunteer.token,
			body: {}
		});
		expect(again.status).toBe(409);
		expect(
			(await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, { token: volunteer2.token }))
				.status
		).toBe(201);
		const full = await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, {
			token: coordinator.token,
			body: {}
		});
		expect(full.status).toBe(409);
		expect(full.json.error.code).toBe('already_claimed');

		const seen = await ctx.call('GET', `/api/v1/needs/${need.id}`, { token: volunteer.token });
		expect(seen.json.need).toMatchObject({ status: 'in_progress', claimedCount: 2 });
		// A helper sees the contact and who else helps; an outsider neither.
		expect(seen.json.need.contact).toBe('Rosa, 333 111');
		expect(seen.json.need.claims).toHaveLength(2);
		const outsider = await ctx.call('GET', `/api/v1/needs/${need.id}`, {
			token: coordinator.token
		});
		expect(outsider.json.need).not.toHaveProperty('contact');
		expect(outsider.json.need.claims).toEqual([]);
		expect(outsider.json.need.claimedCount).toBe(2);

		expect(
			(await ctx.call('DELETE', `/api/v1/needs/${need.id}/claims/mine`, { token: volunteer.token }))
				.status
		).toBe(204);
		expect(
			(await ctx.call('DELETE', `/api/v1/needs/${need.id}/claims/mine`, { token: volunteer.token }))
				.status
		).toBe(404);
		const freed = await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, {
			token: coordinator.token,
			body: {}
		});
		expect(freed.status).toBe(201);
	});

	it('completing records the outcome, ends the claims and closes the need', async () => {
		const need = (await post(resident, { title: 'Ritiro farmaci in farmacia' })).json.need;
		await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, { token: volunteer.token, body: {} });
		const bad = await ctx.call('POST', `/api/v1/needs/${need.id}/complete`, {
			token: resident.token,
			body: { outcome: 'maybe' }
		});
		expect(bad.status).toBe(400);
		// Only its owners close a need: neither an outsider nor its helper (who ends their own claim).
		for (const who of [volunteer2, volunteer])
			expect(
				(
					await ctx.call('POST', `/api/v1/needs/${need.id}/complete`, {
						token: who.token,
						body: { outcome: 'done' }
					})
				).status
			).toBe(403);
		const done = await ctx.call('POST', `/api/v1/needs/${need.id}/complete`, {
			token: resident.token,
			body: { outcome: 'done' }
		});
		expect(done.status).toBe(200);
		expect(done.json.need).toMatchObject({ status: 'fulfilled', outcome: 'done', claimedCount: 0 });
		expect(
			(
				await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, {
					token: volunteer2.token,
					body: {}
				})
			).status
		).toBe(409);
		const history = await ctx.call('GET', `/api/v1/needs/${need.id}/history`, {
			token: resident.token
		});
		expect(history.json.items.map((h: { action: string }) => h.action)).toEqual([
			'posted',
			'claimed',
			'completed'
		]);
		expect(
			(await ctx.call('GET', `/api/v1/needs/${need.id}/history`, { token: volunteer2.token }))
				.status
		).toBe(403);
	});
});

describe('duplicates before save', () => {
	it('answers 409 possible_duplicate with candidates, and saves nothing, unless allowDuplicate', async () => {
		const original = (
			await post(resident, {
				title: 'Spesa settimanale per la signora Anna',
				description: 'Spesa al supermercato ogni giovedì mattina.'
			})
		).json.need;
		const dup = await post(volunteer, {
			title: 'Spesa settimanale per signora Anna',
			description: 'La spesa al supermercato il giovedì.'
		});
		expect(dup.status).toBe(409);
		expect(dup.json.error.code).toBe('possible_duplicate');
		expect(dup.json.candidates[0]).toMatchObject({ id: original.id, title: original.title });
		expect(dup.json.candidates[0].similarity).toBeGreaterThan(0.4);
		const list = await ctx.call('GET', '/api/v1/needs?q=Anna&limit=100', {
			token: volunteer.token
		});
		expect(list.json.items.filter((n: { title: string }) => n.title.includes('Anna'))).toHaveLength(
			1
		);

		const anyway = await post(volunteer, {
			title: 'Spesa settimanale per signora Anna',
			description: 'La spesa al supermercato il giovedì.',
			allowDuplicate: true
		});
		expect(anyway.status).toBe(201);
		const history = await ctx.call('GET', `/api/v1/needs/${anyway.json.need.id}/history`, {
			token: volunteer.token
		});
		expect(history.json.items.map((h: { action: string }) => h.action)).toEqual([
			'posted',
			'posted_despite_duplicates'
		]);

		const different = await post(volunteer, {
			title: 'Accompagnamento a visita cardiologica',
			category: 'food'
		});
		expect(different.status).toBe(201);
	});

	it('never shows another organisation’s private need as a candidate', async () => {
		await post(operator, {
			title: 'Pacco alimentare per famiglia Rossi',
			organisationId: orgId,
			visibility: 'organisation'
		});
		const res = await post(volunteer, { title: 'Pacco alimentare per famiglia Rossi' });
		expect(res.status).toBe(201);
	});
});

describe('the live board', () => {
	it('sends need:created and need:updated to subscribers, shaped for each', async () => {
		const onBoard = await subscribedSocket(volunteer2);
		const authorSocket = await subscribedSocket(resident);
		const created = nextEvent(
			onBoard,
			'need:created',
			(p) => p.need.title === 'Cambio lampadina in cucina'
		);
		const authorCreated = nextEvent(
			authorSocket,
			'need:created',
			(p) => p.need.title === 'Cambio lampadina in cucina'
		);
		const need = (
			await post(resident, {
				title: 'Cambio lampadina in cucina',
				category: 'housing',
				contact: 'Rosa, citofono 3'
			})
		).json.need;
		expect((await created).need).not.toHaveProperty('contact');
		expect((await authorCreated).need.contact).toBe('Rosa, citofono 3');

		const updated = nextEvent(onBoard, 'need:updated', (p) => p.need.id === need.id);
		await ctx.call('POST', `/api/v1/needs/${need.id}/claims`, { token: volunteer.token, body: {} });
		const payload = (await updated).need;
		expect(payload).toMatchObject({ status: 'in_progress', claimedCount: 1, claims: [] });
		expect(payload).not.toHaveProperty('contact');
	});

	it('organisation-only needs reach members only, never board subscribers outside', async () => {
		const outsiderSocket = await subscribedSocket(volunteer);
		const memberSocket = await connectSocket(ctx.server.url, { token: coordinator.token });
		sockets.push(memberSocket);
		const outsiderHears = recordEvents(outsiderSocket, 'need:created');
		const member = nextEvent(
			memberSocket,
			'need:created',
			(p) => p.need.title === 'Valutazione domiciliare riservata'
		);
		await post(operator, {
			title: 'Valutazione domiciliare riservata',
			category: 'health',
			organisationId: orgId,
			visibility: 'organisation',
			contact: 'Via Segreta 1'
		});
		expect((await member).need.contact).toBe('Via Segreta 1');
		// The barrier: a public need, which the outsider's board must show, posted after.
		await post(operator, { title: 'Spesa pubblica dopo la riservata', category: 'food' });
		const before = await outsiderHears.until(
			(p) => p.need.title === 'Spesa pubblica dopo la riservata'
		);
		expect(JSON.stringify(before)).not.toContain('Valutazione domiciliare riservata');
	});

	it('validates socket payloads like the API', async () => {
		const socket = await subscribedSocket(volunteer);
		const bad = await socket.emitWithAck('board:subscribe', { territoryId: 'nowhere' });
		expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(bad.error.fields).toHaveProperty('territoryId');
		const unknown = await socket.emitWithAck('board:subscribe', {
			territoryId: '00000000-0000-4000-8000-000000000000'
		});
		expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});
});

describe('search', () => {
	it('finds Italian and English words, including inflected forms', async () => {
		await post(resident, {
			title: 'Traslochi di mobili pesanti',
			description: 'Servono due persone robuste per spostare un armadio.',
			category: 'housing'
		});
		const it1 = await ctx.call('GET', '/api/v1/needs?q=armadio', { token: volunteer.token });
		expect(it1.json.items.map((n: { title: string }) => n.title)).toContain(
			'Traslochi di mobili pesanti'
		);
		const stem = await ctx.call('GET', '/api/v1/needs?q=trasloco', { token: volunteer.token });
		expect(stem.json.items.map((n: { title: string }) => n.title)).toContain(
			'Traslochi di mobili pesanti'
		);
		const none = await ctx.call('GET', '/api/v1/needs?q=elicottero', { token: volunteer.token });
		expect(none.json.items).toEqual([]);
	});
});

describe('editing', () => {
	it('the author edits; others may not; the history names the fields, not their old values', async () => {
		const need = (
			await post(resident, { title: 'Ritiro pacco alle poste', contact: 'vecchio numero 333 000' })
		).json.need;
		const body = {
			title: 'Ritiro pacco all’ufficio postale',
			description: 'Una mano, per favore.',
			category: 'food',
			contact: 'nuovo numero 333 999'
		};
		expect(
			(await ctx.call('PUT', `/api/v1/needs/${need.id}`, { token: volunteer.token, body })).status
		).toBe(403);
		const edited = await ctx.call('PUT', `/api/v1/needs/${need.id}`, {
			token: resident.token,
			body
		});
		expect(edited.status).toBe(200);
		expect(edited.json.need).toMatchObject({ title: body.title, contact: 'nuovo numero 333 999' });
		const history = await ctx.call('GET', `/api/v1/needs/${need.id}/history`, {
			token: resident.token
		});
		const entry = history.json.items.find((h: { action: string }) => h.action === 'edited');
		expect(entry.details.fields).toEqual(expect.arrayContaining(['title', 'contact']));
		expect(JSON.stringify(history.json)).not.toContain('vecchio numero');
	});
});
