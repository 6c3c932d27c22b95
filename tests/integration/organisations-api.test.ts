// docs/api.md "Organisations", and the privacy rule for organisation-only needs, over real HTTP.
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { signUpPerson, type Person } from '../helpers/people';

const ctx = useServer();
let admin: Person;
let coordinator: Person;
let operator: Person;
let volunteer: Person;
let outsider: Person;
let otherCoordinator: Person;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
	admin = await signUpPerson(ctx.call, 'Admin');
	coordinator = await signUpPerson(ctx.call, 'Carla Coordinatrice');
	operator = await signUpPerson(ctx.call, 'Otto Operatore');
	volunteer = await signUpPerson(ctx.call, 'Vera Volontaria');
	outsider = await signUpPerson(ctx.call, 'Ugo Esterno');
	otherCoordinator = await signUpPerson(ctx.call, 'Altra Coordinatrice');
	expect(admin.isAdmin).toBe(true);
});

describe('POST /api/v1/organisations', () => {
	it('creates a pending organisation whose creator is its coordinator', async () => {
		const res = await ctx.call('POST', '/api/v1/organisations', {
			token: coordinator.token,
			body: { name: 'Servizi Sociali di Borgo Aperto', kind: 'public_service' }
		});
		expect(res.status).toBe(201);
		expect(res.json.organisation).toMatchObject({
			name: 'Servizi Sociali di Borgo Aperto',
			kind: 'public_service',
			status: 'pending',
			verified: false,
			myRole: 'coordinator'
		});
		orgId = res.json.organisation.id;
		const other = await ctx.call('POST', '/api/v1/organisations', {
			token: otherCoordinator.token,
			body: { name: 'Caritas Borgo Aperto', kind: 'ngo' }
		});
		otherOrgId = other.json.organisation.id;
	});

	it('refuses bad input field by field, a duplicate name, and anonymous callers', async () => {
		const bad = await ctx.call('POST', '/api/v1/organisations', {
			token: outsider.token,
			body: { name: 'x', kind: 'company', website: 'not a url' }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.json.error.fields).sort()).toEqual(['kind', 'name', 'website']);
		const dup = await ctx.call('POST', '/api/v1/organisations', {
			token: outsider.token,
			body: { name: 'servizi sociali di borgo aperto', kind: 'ngo' }
		});
		expect(dup.status).toBe(409);
		const anon = await ctx.call('POST', '/api/v1/organisations', {
			body: { name: 'Nessuno', kind: 'group' }
		});
		expect(anon.status).toBe(401);
	});
});

describe('GET /api/v1/organisations/:id', () => {
	it('returns the public profile, marked unverified while pending', async () => {
		const res = await ctx.call('GET', `/api/v1/organisations/${orgId}`, { token: outsider.token });
		expect(res.status).toBe(200);
		expect(res.json.organisation).toMatchObject({
			id: orgId,
			status: 'pending',
			verified: false,
			myRole: null
		});
		expect(res.json.organisation).not.toHaveProperty('rejectionReason');
		expect((await ctx.call('GET', `/api/v1/organisations/${orgId}`)).status).toBe(200);
	});

	it('answers 404 for unknown and malformed ids', async () => {
		expect(
			(await ctx.call('GET', '/api/v1/organisations/00000000-0000-4000-8000-000000000000')).status
		).toBe(404);
		expect((await ctx.call('GET', '/api/v1/organisations/not-an-id')).status).toBe(404);
	});
});

describe('members', () => {
	it('POST …/members: coordinators only, 403 for anyone else', async () => {
		for (const who of [outsider, otherCoordinator, admin]) {
			const res = await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
				token: who.token,
				body: { userId: operator.id, role: 'operator' }
			});
			expect(res.status, who.email).toBe(403);
			expect(res.json.error.code).toBe('forbidden');
		}
		const ok = await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
			token: coordinator.token,
			body: { userId: operator.id, role: 'operator' }
		});
		expect(ok.status).toBe(201);
		await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
			token: coordinator.token,
			body: { userId: volunteer.id, role: 'volunteer' }
		});
		// Now a member but not a coordinator: still 403.
		const byOperator = await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
			token: operator.token,
			body: { userId: outsider.id, role: 'volunteer' }
		});
		expect(byOperator.status).toBe(403);
		const again = await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
			token: coordinator.token,
			body: { userId: operator.id, role: 'volunteer' }
		});
		expect(again.status).toBe(409);
		const bad = await ctx.call('POST', `/api/v1/organisations/${orgId}/members`, {
			token: coordinator.token,
			body: { userId: 'nobody', role: 'boss' }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.json.error.fields).sort()).toEqual(['role', 'userId']);
	});

	it('GET …/members: members only, 403 for anyone else', async () => {
		const res = await ctx.call('GET', `/api/v1/organisations/${orgId}/members`, {
			token: volunteer.token
		});
		expect(res.status).toBe(200);
		expect(
			res.json.items.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()
		).toEqual(
			[
				[coordinator.id, 'coordinator'],
				[operator.id, 'operator'],
				[volunteer.id, 'volunteer']
			].sort()
		);
		for (const who of [outsider, otherCoordinator, admin]) {
			expect(
				(await ctx.call('GET', `/api/v1/organisations/${orgId}/members`, { token: who.token }))
					.status
			).toBe(403);
		}
		expect((await ctx.call('GET', `/api/v1/organisations/${orgId}/members`)).status).toBe(401);
	});

	it('the last coordinator can neither leave nor be demoted', async () => {
		const leave = await ctx.call(
			'DELETE',
			`/api/v1/organisations/${orgId}/members/${coordinator.id}`,
			{
				token: coordinator.token
			}
		);
		expect(leave.status).toBe(409);
		expect(leave.json.reason).toBe('last_coordinator');
		const demote = await ctx.call(
			'PATCH',
			`/api/v1/organisations/${orgId}/members/${coordinator.id}`,
			{
				token: coordinator.token,
				body: { role: 'volunteer' }
			}
		);
		expect(demote.status).toBe(409);
	});
});

describe('review by network administrators', () => {
	it('only an administrator verifies; a rejection needs a reason', async () => {
		const byCoordinator = await ctx.call('POST', `/api/v1/organisations/${orgId}/review`, {
			token: coordinator.token,
			body: { decision: 'verify' }
		});
		expect(byCoordinator.status).toBe(403);
		const noReason = await ctx.call('POST', `/api/v1/organisations/${otherOrgId}/review`, {
			token: admin.token,
			body: { decision: 'reject' }
		});
		expect(noReason.status).toBe(400);
		expect(noReason.json.error.fields).toHaveProperty('reason');
		const ok = await ctx.call('POST', `/api/v1/organisations/${orgId}/review`, {
			token: admin.token,
			body: { decision: 'verify' }
		});
		expect(ok.status).toBe(200);
		expect(ok.json.organisation).toMatchObject({ status: 'verified', verified: true });
	});

	it('every administrative action is in the audit log, which only administrators read', async () => {
		const log = await ctx.call('GET', '/api/v1/admin/audit', { token: admin.token });
		expect(log.status).toBe(200);
		const actions = log.json.items.map((e: { action: string }) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['organisation.verified', 'membership.added']));
		expect(
			(await ctx.call('GET', '/api/v1/admin/audit', { token: coordinator.token })).status
		).toBe(403);
	});
});

describe('organisation-only needs (the privacy rule of docs/api.md)', () => {
	let privateNeedId: string;
	let publicNeedId: string;

	it('an operator posts for the organisation; a volunteer or an outsider may not', async () => {
		const res = await ctx.call('POST', '/api/v1/needs', {
			token: operator.token,
			body: {
				title: 'Spesa settimanale per la signora Rosa',
				description: 'Spesa al supermercato ogni giovedì, lista al telefono.',
				category: 'food',
				organisationId: orgId,
				visibility: 'organisation',
				contact: 'Rosa Bianchi, via dei Tigli 4, 333 1234567'
			}
		});
		expect(res.status).toBe(201);
		expect(res.json.need).toMatchObject({
			visibility: 'organisation',
			status: 'open',
			capacity: 1,
			claimedCount: 0
		});
		expect(res.json.need.contact).toBe('Rosa Bianchi, via dei Tigli 4, 333 1234567');
		privateNeedId = res.json.need.id;

		const pub = await ctx.call('POST', '/api/v1/needs', {
			token: operator.token,
			body: {
				title: 'Accompagnamento a visita medica',
				description: 'Martedì mattina, ospedale civile.',
				category: 'transport',
				organisationId: orgId,
				contact: 'Giovanni, 333 7654321'
			}
		});
		publicNeedId = pub.json.need.id;

		for (const who of [volunteer, outsider]) {
			const refused = await ctx.call('POST', '/api/v1/needs', {
				token: who.token,
				body: { title: 'Una richiesta', description: 'x', category: 'food', organisationId: orgId }
			});
			expect(refused.status).toBe(403);
		}
		const bad = await ctx.call('POST', '/api/v1/needs', {
			token: outsider.token,
			body: {
				title: 'Una richiesta',
				description: 'x',
				category: 'food',
				visibility: 'organisation'
			}
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error.fields).toHaveProperty('visibility');
	});

	it('exists only for members: 404 and absent from every list for anyone else', async () => {
		for (const who of [coordinator, operator, volunteer]) {
			const res = await ctx.call('GET', `/api/v1/needs/${privateNeedId}`, { token: who.token });
			expect(res.status).toBe(200);
			expect(res.json.need.contact).toContain('Rosa Bianchi');
			const list = await ctx.call('GET', '/api/v1/needs?limit=100', { token: who.token });
			expect(list.json.items.map((n: { id: string }) => n.id)).toContain(privateNeedId);
		}
		for (const who of [outsider, otherCoordinator, admin]) {
			const res = await ctx.call('GET', `/api/v1/needs/${privateNeedId}`, { token: who.token });
			expect(res.status).toBe(404);
			expect(res.text).not.toContain('Rosa');
			for (const query of ['', '?status=open', '?category=food', '?q=Rosa', '?q=spesa']) {
				const list = await ctx.call('GET', `/api/v1/needs${query}`, { token: who.token });
				expect(list.status).toBe(200);
				expect(list.text).not.toContain(privateNeedId);
				expect(list.text).not.toContain('Rosa');
			}
		}
		expect((await ctx.call('GET', `/api/v1/needs/${privateNeedId}`)).status).toBe(401);
	});

	it('contact goes only to the author and the organisation’s members', async () => {
		const member = await ctx.call('GET', `/api/v1/needs/${publicNeedId}`, {
			token: volunteer.token
		});
		expect(member.json.need.contact).toBe('Giovanni, 333 7654321');
		for (const who of [outsider, otherCoordinator, admin]) {
			const res = await ctx.call('GET', `/api/v1/needs/${publicNeedId}`, { token: who.token });
			expect(res.status).toBe(200);
			expect(res.json.need).not.toHaveProperty('contact');
			expect(res.text).not.toContain('333 7654321');
			const list = await ctx.call('GET', '/api/v1/needs', { token: who.token });
			expect(list.json.items.map((n: { id: string }) => n.id)).toContain(publicNeedId);
			expect(list.text).not.toContain('333 7654321');
		}
	});

	it('lists categories', async () => {
		const res = await ctx.call('GET', '/api/v1/categories');
		expect(res.json.items.map((c: { id: string }) => c.id)).toEqual(
			expect.arrayContaining([
				'food',
				'transport',
				'company',
				'paperwork',
				'health',
				'housing',
				'other'
			])
		);
	});
});

describe('rejected organisations', () => {
	it('post no needs, and their name does not travel with needs posted before', async () => {
		const founder = await signUpPerson(ctx.call, 'Fondatore Truffa');
		const org = (
			await ctx.call('POST', '/api/v1/organisations', {
				token: founder.token,
				body: { name: 'Truffa Onlus', kind: 'ngo' }
			})
		).json.organisation;
		const before = await ctx.call('POST', '/api/v1/needs', {
			token: founder.token,
			body: {
				title: 'Raccolta fondi urgente',
				description: 'x',
				category: 'other',
				organisationId: org.id
			}
		});
		expect(before.status).toBe(201);
		await ctx.call('POST', `/api/v1/organisations/${org.id}/review`, {
			token: admin.token,
			body: { decision: 'reject', reason: 'Non esiste' }
		});
		const after = await ctx.call('POST', '/api/v1/needs', {
			token: founder.token,
			body: {
				title: 'Altra raccolta fondi',
				description: 'x',
				category: 'other',
				organisationId: org.id
			}
		});
		expect(after.status).toBe(403);
		const seen = await ctx.call('GET', `/api/v1/needs/${before.json.need.id}`, {
			token: outsider.token
		});
		expect(seen.text).not.toContain('Truffa Onlus');
		expect(seen.json.need.organisationId).toBeNull();
	});

	it('a validation error lists every field, refinements included', async () => {
		const res = await ctx.call('POST', '/api/v1/needs', {
			token: outsider.token,
			body: { title: '', visibility: 'organisation' }
		});
		expect(Object.keys(res.json.error.fields).sort()).toEqual([
			'category',
			'description',
			'title',
			'visibility'
		]);
	});
});

describe('forms refuse what PostgreSQL cannot store', () => {
	it('a NUL character in a profile form field is a message on the form, not a 500', async () => {
		const res = await fetch(`${ctx.server.url}/profile`, {
			method: 'POST',
			headers: {
				cookie: `rete_session=${outsider.token}`,
				origin: ctx.server.url,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: 'otherSkills=a%00b'
		});
		expect(res.status).toBeLessThan(500);
		expect(await res.text()).toContain('otherSkills');
	});
});
