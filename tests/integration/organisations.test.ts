// Organisations in-process: invitations, join requests, roles and the last-coordinator rule,
// including under concurrency (meaningful on PostgreSQL).
import { testActor } from '../helpers/actors';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadActor, type Actor } from '../../src/lib/server/auth/actor';
import { signup } from '../../src/lib/server/auth/service';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { auditLog, memberships, outbox } from '../../src/lib/server/db/schema';
import {
	acceptInvitation,
	invite,
	readInvitation,
	revokeInvitation
} from '../../src/lib/server/orgs/invitations';
import {
	decideJoinRequest,
	listJoinRequests,
	requestToJoin
} from '../../src/lib/server/orgs/join-requests';
import {
	addMember,
	changeRole,
	listMembers,
	removeMember
} from '../../src/lib/server/orgs/members';
import {
	createOrganisation,
	listOrganisations,
	reviewOrganisation
} from '../../src/lib/server/orgs/service';
import { useTestDatabase } from '../helpers/in-process';
import { goodPassword, uniqueEmail } from '../helpers/server';
import { codeWithReason } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

async function person(name: string) {
	const email = uniqueEmail(name.toLowerCase());
	const { user } = await signup({ email, password: goodPassword, name }, { ip: 'x' });
	return { user, email, actor: async () => (await loadActor(user)) as Actor };
}

const profile = {
	description: '',
	contactEmail: '',
	contactPhone: '',
	website: '',
	territoryIds: [] as string[]
};

async function organisation(coordinator: Awaited<ReturnType<typeof person>>, name: string) {
	return createOrganisation(await coordinator.actor(), { name, kind: 'ngo', ...profile });
}

async function tokenOfLastMail() {
	const rows = await db.select().from(outbox);
	const body = rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!.body;
	return body.match(/\/invitations\/([a-z2-7]{32})/)![1];
}

describe('invitations', () => {
	it('a link for the invited address, valid 7 days, accepted once', async () => {
		const carla = await person('Carla');
		const org = await organisation(carla, 'Invitanti');
		const otto = await person('Otto');
		const stranger = await person('Stranger');

		await invite(await carla.actor(), org.id, { email: otto.email, role: 'operator' });
		const token = await tokenOfLastMail();
		expect(await readInvitation(token)).toMatchObject({
			organisationName: 'Invitanti',
			role: 'operator',
			state: 'valid'
		});
		// The same address cannot be invited twice while the first is open.
		expect(
			await codeWithReason(
				invite(await carla.actor(), org.id, { email: otto.email, role: 'volunteer' })
			)
		).toBe('conflict:already_invited');
		// Someone else holding the link cannot use it.
		expect(await codeWithReason(acceptInvitation(await stranger.actor(), token))).toBe(
			'forbidden:invitation_other_email'
		);
		expect(await acceptInvitation(await otto.actor(), token)).toEqual({
			organisationId: org.id,
			role: 'operator'
		});
		expect(await codeWithReason(acceptInvitation(await otto.actor(), token))).toBe(
			'conflict:invitation_used'
		);
		expect((await otto.actor()).roles.get(org.id)).toBe('operator');
		// And a member cannot be invited again.
		expect(
			await codeWithReason(
				invite(await carla.actor(), org.id, { email: otto.email, role: 'volunteer' })
			)
		).toBe('conflict:already_member');
	});

	it('expire after 7 days, can be sent again, and can be revoked', async () => {
		const carla = await person('Carla2');
		const org = await organisation(carla, 'Scadenze');
		const late = await person('Late');
		await invite(await carla.actor(), org.id, { email: late.email, role: 'volunteer' });
		const token = await tokenOfLastMail();
		advanceClock(7 * 86_400_000 + 1000);
		expect((await readInvitation(token)).state).toBe('expired');
		expect(await codeWithReason(acceptInvitation(await late.actor(), token))).toBe(
			'conflict:invitation_expired'
		);
		const again = await invite(await carla.actor(), org.id, {
			email: late.email,
			role: 'volunteer'
		});
		const secondToken = await tokenOfLastMail();
		await revokeInvitation(await carla.actor(), org.id, again.id);
		expect(await codeWithReason(acceptInvitation(await late.actor(), secondToken))).toBe(
			'conflict:invitation_revoked'
		);
	});

	it('only coordinators invite', async () => {
		const carla = await person('Carla3');
		const org = await organisation(carla, 'Solo coordinatori');
		const vera = await person('Vera');
		await addMember(await carla.actor(), org.id, { userId: vera.user.id, role: 'volunteer' });
		expect(
			await codeWithReason(
				invite(await vera.actor(), org.id, { email: 'x@example.org', role: 'volunteer' })
			)
		).toBe('forbidden');
	});
});

describe('join requests', () => {
	it('one open request per person; a coordinator approves with a role, once', async () => {
		const carla = await person('Carla4');
		const org = await organisation(carla, 'Porte aperte');
		const ugo = await person('Ugo');
		const req = await requestToJoin(await ugo.actor(), org.id, { message: 'Posso guidare.' });
		expect(await codeWithReason(requestToJoin(await ugo.actor(), org.id, { message: '' }))).toBe(
			'conflict:already_requested'
		);
		expect(await codeWithReason(listJoinRequests(await ugo.actor(), org.id))).toBe('forbidden');
		expect((await listJoinRequests(await carla.actor(), org.id)).map((r) => r.message)).toEqual([
			'Posso guidare.'
		]);
		await decideJoinRequest(await carla.actor(), org.id, req.id, {
			decision: 'approve',
			role: 'operator'
		});
		expect(
			await codeWithReason(
				decideJoinRequest(await carla.actor(), org.id, req.id, {
					decision: 'decline',
					role: 'volunteer'
				})
			)
		).toBe('not_found');
		expect((await ugo.actor()).roles.get(org.id)).toBe('operator');
		// A member does not ask again.
		expect(await codeWithReason(requestToJoin(await ugo.actor(), org.id, { message: '' }))).toBe(
			'forbidden'
		);
	});
});

describe('roles and the last coordinator', () => {
	it('cannot demote or remove the last coordinator; can once there is another', async () => {
		const carla = await person('Carla5');
		const org = await organisation(carla, 'Sempre guidata');
		const dino = await person('Dino');
		expect(await codeWithReason(removeMember(await carla.actor(), org.id, carla.user.id))).toBe(
			'conflict:last_coordinator'
		);
		expect(
			await codeWithReason(changeRole(await carla.actor(), org.id, carla.user.id, 'volunteer'))
		).toBe('conflict:last_coordinator');
		await addMember(await carla.actor(), org.id, { userId: dino.user.id, role: 'coordinator' });
		await changeRole(await carla.actor(), org.id, carla.user.id, 'volunteer');
		expect(
			(await listMembers(await dino.actor(), org.id)).find((m) => m.userId === carla.user.id)?.role
		).toBe('volunteer');
		// Carla, now a volunteer, may leave but not manage.
		expect(await codeWithReason(removeMember(await carla.actor(), org.id, dino.user.id))).toBe(
			'forbidden'
		);
		await removeMember(await carla.actor(), org.id, carla.user.id);
		const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, org.id))).map(
			(a) => a.action
		);
		expect(actions).toEqual(
			expect.arrayContaining(['membership.added', 'membership.role_changed', 'membership.left'])
		);
	});

	it('two coordinators demoting each other at once leave one coordinator', async () => {
		const a = await person('Anna');
		const b = await person('Bruno');
		const org = await organisation(a, 'Gara');
		await addMember(await a.actor(), org.id, { userId: b.user.id, role: 'coordinator' });
		const [actorA, actorB] = [await a.actor(), await b.actor()];
		const outcomes = await Promise.all([
			codeWithReason(changeRole(actorA, org.id, b.user.id, 'volunteer')),
			codeWithReason(changeRole(actorB, org.id, a.user.id, 'volunteer'))
		]);
		const coordinators = (
			await db.select().from(memberships).where(eq(memberships.organisationId, org.id))
		).filter((m) => m.role === 'coordinator');
		expect(coordinators).toHaveLength(1);
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
	});

	it('ten removals of the last two coordinators at once never leave none', async () => {
		const a = await person('Alba');
		const b = await person('Bea');
		const org = await organisation(a, 'Gara due');
		await addMember(await a.actor(), org.id, { userId: b.user.id, role: 'coordinator' });
		const [actorA, actorB] = [await a.actor(), await b.actor()];
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				codeWithReason(
					i % 2 ? removeMember(actorA, org.id, b.user.id) : removeMember(actorB, org.id, a.user.id)
				)
			)
		);
		const left = await db.select().from(memberships).where(eq(memberships.organisationId, org.id));
		expect(left.filter((m) => m.role === 'coordinator')).toHaveLength(1);
	});
});

describe('directory', () => {
	it('hides rejected organisations from everyone but their members and administrators', async () => {
		const carla = await person('Carla6');
		const org = await organisation(carla, 'Respinta');
		const admin: Actor = testActor(carla.user.id, { isAdmin: true });
		await reviewOrganisation(admin, org.id, { decision: 'reject', reason: 'Non esiste' });
		const ugo = await person('Ugo2');
		const names = async (actor: Actor | null) =>
			(await listOrganisations(actor, { limit: 100 })).items.map((o) => o.name);
		expect(await names(await ugo.actor())).not.toContain('Respinta');
		expect(await names(null)).not.toContain('Respinta');
		expect(await names(await carla.actor())).toContain('Respinta');
	});

	it('pages alphabetically without repeats', async () => {
		const carla = await person('Carla7');
		for (const n of ['Zeta', 'Alfa', 'Mu', 'Beta', 'Omega']) await organisation(carla, `Pag ${n}`);
		const seen: string[] = [];
		let cursor: string | undefined;
		do {
			const page = await listOrganisations(null, { q: 'Pag ', limit: 2, cursor });
			seen.push(...page.items.map((o) => o.name));
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		expect(seen).toEqual(['Pag Alfa', 'Pag Beta', 'Pag Mu', 'Pag Omega', 'Pag Zeta']);
	});
});
