// Joint actions over HTTP and real sockets: the API's shapes (a clash's top-level `clashes`, a
// waiting position), a partners-only action that never leaks (API, calendar, socket room), and
// pages open on an action hearing that it changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpPerson, verifiedOrganisation, type Person } from '../helpers/people';
import { useServer } from '../helpers/server';
import { ask, connectSocket, recordEvents } from '../helpers/sockets';

describe('joint actions over the API and sockets', () => {
	const ctx = useServer();
	let admin: Person, lia: Person, pia: Person, out: Person;
	let liaOrg: string, piaOrg: string, outOrg: string, place: string;
	const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
	const plan = (lead: string, fields: Record<string, unknown> = {}) => ({
		kind: 'distribution',
		title: 'Distribuzione alimentare',
		description: 'Pacchi per le famiglie',
		leadOrganisationId: lead,
		territoryIds: [place],
		startsAt: soon(10),
		endsAt: soon(12),
		...fields
	});

	beforeAll(async () => {
		admin = await signUpPerson(ctx.call, 'Anna');
		lia = await signUpPerson(ctx.call, 'Lia');
		pia = await signUpPerson(ctx.call, 'Pia');
		out = await signUpPerson(ctx.call, 'Otto');
		liaOrg = await verifiedOrganisation(ctx.call, admin, lia, 'Caritas');
		piaOrg = await verifiedOrganisation(ctx.call, admin, pia, 'Vicini');
		outOrg = await verifiedOrganisation(ctx.call, admin, out, 'Altri');
		const res = await ctx.call('POST', '/api/v1/territories', {
			token: admin.token,
			body: { name: 'San Salvario' }
		});
		place = res.json.territory.id;
	});

	it('answers a clash with 409 possible_clash and the clashes beside the error', async () => {
		const first = await ctx.call('POST', '/api/v1/actions', {
			token: lia.token,
			body: plan(liaOrg, { visibility: 'public' })
		});
		expect(first.status, JSON.stringify(first.json)).toBe(201);
		const again = await ctx.call('POST', '/api/v1/actions', {
			token: out.token,
			body: plan(outOrg)
		});
		expect(again.status).toBe(409);
		expect(again.json.error.code).toBe('possible_clash');
		expect(again.json.clashes).toEqual([
			expect.objectContaining({ id: first.json.action.id, organisationName: 'Caritas' })
		]);
		const anyway = await ctx.call('POST', '/api/v1/actions', {
			token: out.token,
			body: plan(outOrg, { allowClash: true })
		});
		expect(anyway.status).toBe(201);
	});

	it('a partners-only action does not exist for others: API, calendar and socket room', async () => {
		const created = await ctx.call('POST', '/api/v1/actions', {
			token: lia.token,
			body: plan(liaOrg, {
				kind: 'service',
				visibility: 'partners',
				startsAt: soon(30),
				endsAt: soon(31)
			})
		});
		const id = created.json.action.id;
		await ctx.call('POST', `/api/v1/actions/${id}/partners`, {
			token: lia.token,
			body: { organisationId: piaOrg }
		});
		const answered = await ctx.call('POST', `/api/v1/actions/${id}/partners/${piaOrg}`, {
			token: pia.token,
			body: { decision: 'accept' }
		});
		expect(answered.status, JSON.stringify(answered.json)).toBe(200);
		for (const path of [`/api/v1/actions/${id}`, `/api/v1/actions/${id}/calendar.ics`])
			expect((await ctx.call('GET', path, { token: out.token })).status).toBe(404);
		expect((await ctx.call('GET', `/api/v1/actions/${id}`)).status).toBe(404);
		const listed = await ctx.call('GET', '/api/v1/actions?limit=100', { token: out.token });
		expect(listed.json.items.map((a: { id: string }) => a.id)).not.toContain(id);

		// A public action both may follow: the barrier for what the outsider must not hear.
		const open = await ctx.call('POST', '/api/v1/actions', {
			token: lia.token,
			body: plan(liaOrg, {
				kind: 'event',
				visibility: 'public',
				startsAt: soon(40),
				endsAt: soon(41)
			})
		});
		const openId = open.json.action.id;
		const [liaSocket, piaSocket, outSocket] = await Promise.all(
			[lia, pia, out].map((p) => connectSocket(ctx.server.url, { token: p.token }))
		);
		try {
			expect(await ask(liaSocket, 'action:watch', { actionId: id })).toEqual({ ok: true });
			expect(await ask(piaSocket, 'action:watch', { actionId: id })).toEqual({ ok: true });
			const refused = await ask(outSocket, 'action:watch', { actionId: id });
			expect(refused.ok).toBe(false);
			expect(refused.error.code).toBe('not_found');
			expect(await ask(outSocket, 'action:watch', { actionId: openId })).toEqual({ ok: true });
			const heard = recordEvents(piaSocket, 'action:changed');
			const outsider = recordEvents(outSocket, 'action:changed');

			const task = await ctx.call('POST', `/api/v1/actions/${id}/tasks`, {
				token: lia.token,
				body: { title: 'Stampare i volantini' }
			});
			expect(task.status).toBe(201);
			await heard.until((e) => e.actionId === id);
			await ctx.call('POST', `/api/v1/actions/${openId}/tasks`, {
				token: lia.token,
				body: { title: 'Prenotare la sala' }
			});
			expect(await outsider.until((e) => e.actionId === openId)).toEqual([]);
		} finally {
			for (const s of [liaSocket, piaSocket, outSocket]) s.close();
		}
	});

	it('a full session answers a waiting position; leaving confirms the first who waits', async () => {
		const created = await ctx.call('POST', '/api/v1/actions', {
			token: lia.token,
			body: plan(liaOrg, {
				kind: 'event',
				visibility: 'network',
				startsAt: soon(50),
				endsAt: soon(51)
			})
		});
		const session = await ctx.call('POST', `/api/v1/actions/${created.json.action.id}/sessions`, {
			token: lia.token,
			body: { startsAt: soon(50), endsAt: soon(50.1), place: 'Biblioteca', capacity: 1 }
		});
		expect(session.status, JSON.stringify(session.json)).toBe(201);
		const sid = session.json.session.id;
		const first = await ctx.call('POST', `/api/v1/sessions/${sid}/signups`, {
			token: pia.token,
			body: {}
		});
		expect(first.json.signup).toMatchObject({ status: 'confirmed', position: null });
		const second = await ctx.call('POST', `/api/v1/sessions/${sid}/signups`, {
			token: out.token,
			body: {}
		});
		expect(second.json.signup).toMatchObject({ status: 'waitlisted', position: 1 });
		expect(
			(await ctx.call('POST', `/api/v1/sessions/${sid}/signups`, { token: out.token, body: {} }))
				.json.error.code
		).toBe('conflict');
		expect(
			(await ctx.call('DELETE', `/api/v1/sessions/${sid}/signups/mine`, { token: pia.token }))
				.status
		).toBe(204);
		const mine = await ctx.call('GET', `/api/v1/sessions/${sid}/signups/mine`, {
			token: out.token
		});
		expect(mine.json.signup).toMatchObject({ status: 'confirmed' });
		expect(
			(await ctx.call('GET', `/api/v1/sessions/${sid}`, { token: out.token })).json.session
		).toMatchObject({
			confirmedCount: 1,
			waitlistCount: 0
		});
	});
});
