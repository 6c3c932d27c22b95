// Finding 4 of issue #11: a profile (name, neighbourhood, languages, availability) is for people
// with a reason to know the person, never for every account. Real server, real database.
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpPerson, type Person } from '../helpers/people';
import { useServer } from '../helpers/server';

const ctx = useServer();
let admin: Person, coordinator: Person, operator: Person, resident: Person, helper: Person;
let stranger: Person, requester: Person, invitee: Person, grouped: Person;
let organisationId: string;

const post = (person: Person, path: string, body: unknown = {}) =>
	ctx.call('POST', path, { token: person.token, body });
const profileOf = (viewer: Person, person: { id: string }) =>
	ctx.call('GET', `/api/v1/people/${person.id}`, { token: viewer.token });

beforeAll(async () => {
	admin = await signUpPerson(ctx.call, 'Amministratrice Rete');
	coordinator = await signUpPerson(ctx.call, 'Cora Coordinatrice');
	operator = await signUpPerson(ctx.call, 'Otto Operatore');
	resident = await signUpPerson(ctx.call, 'Rina Residente');
	helper = await signUpPerson(ctx.call, 'Elio Aiutante');
	stranger = await signUpPerson(ctx.call, 'Sara Sconosciuta');
	requester = await signUpPerson(ctx.call, 'Remo Richiedente');
	invitee = await signUpPerson(ctx.call, 'Ines Invitata');
	grouped = await signUpPerson(ctx.call, 'Gino Gruppo');
	const org = await post(coordinator, '/api/v1/organisations', {
		name: 'Auser Profili',
		kind: 'ngo'
	});
	expect(org.status, JSON.stringify(org.json)).toBe(201);
	organisationId = org.json.organisation.id;
	const added = await post(coordinator, `/api/v1/organisations/${organisationId}/members`, {
		userId: operator.id,
		role: 'operator'
	});
	expect(added.status, JSON.stringify(added.json)).toBeLessThan(300);
	// Residents share their contact: it still reaches only those who may see the profile.
	const shared = await ctx.call('PUT', '/api/v1/me/profile', {
		token: resident.token,
		body: { languages: ['it'], shareContact: true, phone: '+39 333 000 0000' }
	});
	expect(shared.status, JSON.stringify(shared.json)).toBe(200);
});

describe('GET /api/v1/people/:id', () => {
	it('refuses an account with no reason to know the person, and cannot be used to probe ids', async () => {
		const refused = await profileOf(stranger, resident);
		expect(refused.status).toBe(403);
		expect(refused.json.reason).toBe('no_reason_to_know');
		expect(JSON.stringify(refused.json)).not.toContain('Rina');
		const missing = await profileOf(stranger, { id: '00000000-0000-4000-8000-000000000000' });
		expect(missing.status).toBe(403);
		expect(missing.json).toEqual(refused.json);
		expect((await ctx.call('GET', `/api/v1/people/${resident.id}`)).status).toBe(401);
	});

	it('answers oneself and the network administrators', async () => {
		expect((await profileOf(stranger, stranger)).status).toBe(200);
		const seen = await profileOf(admin, resident);
		expect(seen.status).toBe(200);
		expect(seen.json.person).toMatchObject({ id: resident.id, name: 'Rina Residente' });
	});

	it('answers co-members of an organisation, both ways', async () => {
		expect((await profileOf(coordinator, operator)).status).toBe(200);
		expect((await profileOf(operator, coordinator)).status).toBe(200);
		expect((await profileOf(stranger, operator)).status).toBe(403);
	});

	it('answers co-members of a channel', async () => {
		const group = await post(coordinator, '/api/v1/channels', {
			kind: 'group',
			name: 'Gruppo profili',
			members: [grouped.id]
		});
		expect(group.status, JSON.stringify(group.json)).toBe(201);
		expect((await profileOf(grouped, coordinator)).status).toBe(200);
		expect((await profileOf(coordinator, grouped)).status).toBe(200);
		// Its members meet each other, not the other people of its creator's organisation.
		expect((await profileOf(operator, grouped)).status).toBe(403);
	});

	it("answers a need's circle while the helper helps, and no longer once the claim ends", async () => {
		const need = await post(resident, '/api/v1/needs', {
			title: 'Spesa per la signora Rina',
			description: 'Pane e latte',
			category: 'food',
			allowDuplicate: true
		});
		expect(need.status, JSON.stringify(need.json)).toBe(201);
		const needId = need.json.need.id;
		expect((await profileOf(helper, resident)).status).toBe(403);
		const claim = await post(helper, `/api/v1/needs/${needId}/claims`);
		expect(claim.status, JSON.stringify(claim.json)).toBe(201);
		const seen = await profileOf(helper, resident);
		expect(seen.status).toBe(200);
		// The contact she shares reaches the helper; a stranger gets neither it nor the profile.
		expect(seen.json.person.contact).toMatchObject({ phone: '+39 333 000 0000' });
		expect((await profileOf(resident, helper)).status).toBe(200);
		expect((await profileOf(stranger, resident)).status).toBe(403);
		const released = await ctx.call('DELETE', `/api/v1/needs/${needId}/claims/mine`, {
			token: helper.token,
			body: {}
		});
		expect(released.status).toBe(204);
		expect((await profileOf(helper, resident)).status).toBe(403);
		expect((await profileOf(resident, helper)).status).toBe(403);
	});

	it("answers an organisation's people for the need it posted", async () => {
		const need = await post(coordinator, '/api/v1/needs', {
			title: 'Accompagnamento alla visita',
			description: 'Martedì mattina',
			category: 'company',
			organisationId,
			visibility: 'public',
			allowDuplicate: true
		});
		expect(need.status, JSON.stringify(need.json)).toBe(201);
		const claim = await post(helper, `/api/v1/needs/${need.json.need.id}/claims`);
		if (claim.status !== 201) return; // a rule for trusted helpers only: no circle to test
		expect((await profileOf(operator, helper)).status).toBe(200);
		expect((await profileOf(helper, operator)).status).toBe(200);
		await ctx.call('DELETE', `/api/v1/needs/${need.json.need.id}/claims/mine`, {
			token: helper.token,
			body: {}
		});
		expect((await profileOf(operator, helper)).status).toBe(403);
	});

	it('answers a coordinator deciding on a join request or an invitation, not its operators', async () => {
		const asked = await post(requester, `/api/v1/organisations/${organisationId}/join-requests`, {
			message: 'Vorrei dare una mano'
		});
		expect(asked.status, JSON.stringify(asked.json)).toBe(201);
		expect((await profileOf(coordinator, requester)).status).toBe(200);
		expect((await profileOf(operator, requester)).status).toBe(403);
		const declined = await post(
			coordinator,
			`/api/v1/organisations/${organisationId}/join-requests/${asked.json.joinRequest.id}`,
			{ decision: 'decline' }
		);
		expect(declined.status, JSON.stringify(declined.json)).toBe(200);
		expect((await profileOf(coordinator, requester)).status).toBe(403);

		expect((await profileOf(coordinator, invitee)).status).toBe(403);
		const invited = await post(coordinator, `/api/v1/organisations/${organisationId}/invitations`, {
			email: invitee.email.toUpperCase(),
			role: 'volunteer'
		});
		expect(invited.status, JSON.stringify(invited.json)).toBe(201);
		expect((await profileOf(coordinator, invitee)).status).toBe(200);
		expect((await profileOf(operator, invitee)).status).toBe(403);
	});
});
