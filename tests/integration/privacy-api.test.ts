// docs/api.md "Personal data" over real HTTP and real socket.io clients: who saw a contact is in
// the access log; a helper sees it only while holding a claim and while the person's consent
// shares it with helpers, in answers, pages and live events alike; revoking stops it at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { useServer } from '../helpers/server';
import {
	addToOrganisation,
	signUpPerson,
	verifiedOrganisation,
	type Person
} from '../helpers/people';
import { connectSocket, nextEvent } from '../helpers/sockets';

const ctx = useServer();
let resident: Person;
let helper: Person;
let stranger: Person;
let coordinator: Person;
let operator: Person;
let orgId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
	const admin = await signUpPerson(ctx.call, 'Admin');
	resident = await signUpPerson(ctx.call, 'Rina Residente');
	helper = await signUpPerson(ctx.call, 'Ugo Aiutante');
	stranger = await signUpPerson(ctx.call, 'Ettore Estraneo');
	coordinator = await signUpPerson(ctx.call, 'Cora Coordinatrice');
	operator = await signUpPerson(ctx.call, 'Olga Operatrice');
	orgId = await verifiedOrganisation(ctx.call, admin, coordinator, 'Servizio Sociale Nord');
	await addToOrganisation(ctx.call, coordinator, orgId, operator, 'operator');
});
afterAll(() => {
	for (const s of sockets) s.close();
});

async function post(who: Person, body: Record<string, unknown>) {
	const res = await ctx.call('POST', '/api/v1/needs', {
		token: who.token,
		body: {
			title: `Spesa ${crypto.randomUUID()}`,
			description: 'Pane e latte.',
			category: 'food',
			claimRule: 'anyone',
			allowDuplicate: true,
			...body
		}
	});
	expect(res.status, JSON.stringify(res.json)).toBe(201);
	return res.json.need;
}

const get = (who: Person, path: string) => ctx.call('GET', path, { token: who.token });

async function claim(who: Person, needId: string) {
	const res = await ctx.call('POST', `/api/v1/needs/${needId}/claims`, {
		token: who.token,
		body: {}
	});
	expect(res.status, JSON.stringify(res.json)).toBe(201);
	return res.json.claim;
}

async function socketOf(who: Person) {
	const socket = await connectSocket(ctx.server.url, { token: who.token });
	sockets.push(socket);
	return socket;
}

/** The need's page as the person's browser gets it (the session cookie is the API token). */
async function page(who: Person, needId: string) {
	const res = await fetch(`${ctx.server.url}/needs/${needId}`, {
		headers: { cookie: `rete_session=${who.token}` }
	});
	expect(res.status).toBe(200);
	return res.text();
}

describe('access log', () => {
	it("records a helper's reading of a contact once an hour, for the author to read", async () => {
		const contact = 'Rina, 333 100 2000';
		const need = await post(resident, { contact });
		await claim(helper, need.id);
		for (let i = 0; i < 3; i++)
			expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need.contact).toBe(contact);
		const log = await get(resident, `/api/v1/needs/${need.id}/access-log`);
		expect(log.status).toBe(200);
		expect(log.json.items).toHaveLength(1);
		expect(log.json.items[0]).toMatchObject({
			what: 'need_contact',
			via: 'api',
			who: { id: helper.id, name: 'Ugo Aiutante', role: 'helper', organisationName: null }
		});
		// Reading one's own request is not an access; the page in the same hour is the same entry.
		await get(resident, `/api/v1/needs/${need.id}`);
		expect(await page(helper, need.id)).toContain(contact);
		const mine = await get(resident, '/api/v1/me/access-log');
		expect(mine.status).toBe(200);
		expect(mine.json.items).toHaveLength(1);
		expect(mine.json.month).toEqual([{ role: 'helper', organisationName: null, count: 1 }]);
		// Nobody else reads it: the helper, a stranger (who cannot even see… the need is public).
		expect((await get(helper, `/api/v1/needs/${need.id}/access-log`)).status).toBe(403);
		expect((await get(stranger, `/api/v1/needs/${need.id}/access-log`)).status).toBe(403);
		expect((await ctx.call('GET', `/api/v1/needs/${need.id}/access-log`)).status).toBe(401);
	});

	it("names the organisation and role of its staff, for the organisation's own request", async () => {
		const need = await post(coordinator, {
			organisationId: orgId,
			contact: 'Signor Bianchi, 0471 22'
		});
		expect((await get(operator, `/api/v1/needs/${need.id}`)).json.need.contact).toBeDefined();
		const log = await get(operator, `/api/v1/needs/${need.id}/access-log`);
		expect(log.json.items).toEqual([
			expect.objectContaining({
				who: expect.objectContaining({
					role: 'operator',
					organisationName: 'Servizio Sociale Nord'
				})
			})
		]);
		// Lists on pages never show a contact, so they do not carry one (and log nothing).
		const board = await (
			await fetch(`${ctx.server.url}/needs`, {
				headers: { cookie: `rete_session=${operator.token}` }
			})
		).text();
		expect(board).toContain(need.title);
		expect(board).not.toContain('0471 22');
		expect((await get(stranger, `/api/v1/needs/${need.id}/access-log`)).status).toBe(403);
	});
});

describe('time-limited access', () => {
	it('after a release the helper has the contact in no answer, page or live event', async () => {
		const contact = 'Rina, citofono 4B';
		const need = await post(resident, { contact });
		await claim(helper, need.id);
		expect(await page(helper, need.id)).toContain(contact);
		// Outside its circle now, the helper hears of it as the board does.
		const socket = await socketOf(helper);
		expect(await socket.emitWithAck('board:subscribe', {})).toEqual({ ok: true });
		const update = nextEvent(socket, 'need:updated', (p) => p.need.id === need.id);
		expect(
			(await ctx.call('DELETE', `/api/v1/needs/${need.id}/claims/mine`, { token: helper.token }))
				.status
		).toBe(204);
		const event = await update;
		expect(event.need).not.toHaveProperty('contact');
		expect(JSON.stringify(event)).not.toContain(contact);
		expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need).not.toHaveProperty('contact');
		expect(await page(helper, need.id)).not.toContain(contact);
		const list = await get(helper, '/api/v1/needs?status=open&limit=100');
		expect(JSON.stringify(list.json)).not.toContain(contact);
	});

	it("after the need's closing the helper no longer has it; its author still does", async () => {
		const contact = 'Rina, scala C';
		const need = await post(resident, { contact });
		await claim(helper, need.id);
		expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need.contact).toBe(contact);
		const done = await ctx.call('POST', `/api/v1/needs/${need.id}/complete`, {
			token: resident.token,
			body: { outcome: 'done' }
		});
		expect(done.status).toBe(200);
		expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need).not.toHaveProperty('contact');
		expect(await page(helper, need.id)).not.toContain(contact);
		expect((await get(resident, `/api/v1/needs/${need.id}`)).json.need.contact).toBe(contact);
	});
});

describe('consent', () => {
	it('without consent to share, helpers learn the organisation puts them in touch', async () => {
		const contact = 'Signora Verdi, 0471 555 666';
		const need = await post(operator, { organisationId: orgId, contact });
		await claim(helper, need.id);
		const seen = (await get(helper, `/api/v1/needs/${need.id}`)).json.need;
		expect(seen).not.toHaveProperty('contact');
		expect(seen.contactWithheld).toBe(true);
		expect(await page(helper, need.id)).not.toContain(contact);

		// The operator records the consent: the helper's socket has the contact at once.
		const socket = await socketOf(helper);
		let update = nextEvent(socket, 'need:updated', (p) => p.need.id === need.id && p.need.contact);
		const given = await ctx.call('POST', `/api/v1/needs/${need.id}/consents`, {
			token: operator.token,
			body: {
				purpose: 'Spesa a domicilio',
				recipients: 'helpers',
				givenBy: 'person',
				note: 'Detto al telefono'
			}
		});
		expect(given.status, JSON.stringify(given.json)).toBe(201);
		expect(given.json.consent).toMatchObject({
			recipients: 'helpers',
			givenBy: 'person',
			revokedAt: null,
			recordedByName: 'Olga Operatrice'
		});
		expect((await update).need.contact).toBe(contact);
		expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need.contact).toBe(contact);

		// Revoked: the open socket gets the need again without it, and so does every answer.
		update = nextEvent(socket, 'need:updated', (p) => p.need.id === need.id && !p.need.contact);
		const revoked = await ctx.call(
			'DELETE',
			`/api/v1/needs/${need.id}/consents/${given.json.consent.id}`,
			{
				token: coordinator.token
			}
		);
		expect(revoked.status).toBe(200);
		expect(revoked.json.consent.revokedByName).toBe('Cora Coordinatrice');
		expect((await update).need.contactWithheld).toBe(true);
		expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need).not.toHaveProperty('contact');
		expect(await page(helper, need.id)).not.toContain(contact);
		const again = await ctx.call(
			'DELETE',
			`/api/v1/needs/${need.id}/consents/${given.json.consent.id}`,
			{
				token: coordinator.token
			}
		);
		expect(again.status).toBe(409);
		expect(again.json.error.code).toBe('conflict');

		// Both are in the need's history and its consents' list; the organisation still sees it.
		const history = await get(operator, `/api/v1/needs/${need.id}/history`);
		const actions = history.json.items.map((h: { action: string }) => h.action);
		expect(actions).toEqual(expect.arrayContaining(['consent_recorded', 'consent_revoked']));
		const list = await get(operator, `/api/v1/needs/${need.id}/consents`);
		expect(list.json.items).toHaveLength(1);
		expect(list.json.items[0].revokedAt).not.toBeNull();
		expect((await get(operator, `/api/v1/needs/${need.id}`)).json.need.contact).toBe(contact);
	});

	it('can be given when posting, and a resident consents by posting and may revoke', async () => {
		const need = await post(operator, {
			organisationId: orgId,
			contact: 'Sig. Neri, 333 9',
			consent: { purpose: 'Accompagnamento', recipients: 'helpers', givenBy: 'operator' }
		});
		await claim(helper, need.id);
		expect((await get(helper, `/api/v1/needs/${need.id}`)).json.need.contact).toBe(
			'Sig. Neri, 333 9'
		);

		const own = await post(resident, { contact: 'Rina, 333 7' });
		const consents = await get(resident, `/api/v1/needs/${own.id}/consents`);
		expect(consents.json.items).toEqual([
			expect.objectContaining({ purpose: 'own_request', recipients: 'helpers', givenBy: 'person' })
		]);
		await claim(helper, own.id);
		expect((await get(helper, `/api/v1/needs/${own.id}`)).json.need.contact).toBe('Rina, 333 7');
		const off = await ctx.call(
			'DELETE',
			`/api/v1/needs/${own.id}/consents/${consents.json.items[0].id}`,
			{
				token: resident.token
			}
		);
		expect(off.status).toBe(200);
		expect((await get(helper, `/api/v1/needs/${own.id}`)).json.need).not.toHaveProperty('contact');
	});

	it('refuses bad input and people who do not keep the need, changing nothing', async () => {
		const need = await post(operator, { organisationId: orgId, contact: 'x' });
		for (const body of [
			{},
			{ purpose: 'ok', recipients: 'everyone', givenBy: 'person' },
			{ purpose: 'x'.repeat(301), recipients: 'helpers', givenBy: 'person' }
		]) {
			const res = await ctx.call('POST', `/api/v1/needs/${need.id}/consents`, {
				token: operator.token,
				body
			});
			expect(res.status).toBe(400);
			expect(res.json.error.code).toBe('invalid_input');
		}
		await claim(helper, need.id);
		const res = await ctx.call('POST', `/api/v1/needs/${need.id}/consents`, {
			token: helper.token,
			body: { purpose: 'Mi serve', recipients: 'helpers', givenBy: 'operator' }
		});
		expect(res.status).toBe(403);
		expect((await get(operator, `/api/v1/needs/${need.id}/consents`)).json.items).toEqual([]);
		expect((await get(helper, `/api/v1/needs/${need.id}/consents`)).status).toBe(403);
		expect(
			(
				await ctx.call(
					'DELETE',
					`/api/v1/needs/${need.id}/consents/00000000-0000-4000-8000-000000000000`,
					{ token: operator.token }
				)
			).status
		).toBe(404);
		// A resident does not post consent for an organisation's person.
		const bad = await ctx.call('POST', '/api/v1/needs', {
			token: resident.token,
			body: {
				title: 'Altro',
				description: 'x',
				category: 'food',
				consent: { purpose: 'abc', recipients: 'helpers', givenBy: 'person' }
			}
		});
		expect(bad.status).toBe(400);
	});
});

describe('erasing a closed need early', () => {
	it("is the coordinator's, once closed; the need keeps its category and outcome", async () => {
		const need = await post(operator, {
			organisationId: orgId,
			contact: 'Sig. Gialli',
			approxLocation: 'Piazza'
		});
		const early = await ctx.call('POST', `/api/v1/needs/${need.id}/erase`, {
			token: coordinator.token
		});
		expect(early.status).toBe(409);
		expect(early.json.reason).toBe('need_open');
		const done = await ctx.call('POST', `/api/v1/needs/${need.id}/complete`, {
			token: operator.token,
			body: { outcome: 'done' }
		});
		expect(done.status).toBe(200);
		expect(
			(await ctx.call('POST', `/api/v1/needs/${need.id}/erase`, { token: operator.token })).status
		).toBe(403);
		expect(
			(await ctx.call('POST', `/api/v1/needs/${need.id}/erase`, { token: coordinator.token }))
				.status
		).toBe(204);
		const after = (await get(coordinator, `/api/v1/needs/${need.id}`)).json.need;
		expect(after).toMatchObject({
			contact: '',
			description: '',
			approxLocation: '',
			category: 'food',
			outcome: 'done',
			redacted: true
		});
		const twice = await ctx.call('POST', `/api/v1/needs/${need.id}/erase`, {
			token: coordinator.token
		});
		expect(twice.status).toBe(409);
	});
});
