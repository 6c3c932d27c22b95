import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { authorize, type Actor, type Role } from '../auth/actor';
import { recordAudit } from '../administration/audit';
import { db, type Executor, type Transaction } from '../db/client';
import { memberships, organisations, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { refuseIfBlockedBy } from '../people/blocks';
import { canOrganisation } from './policy';
import { findVisibleOrganisation } from './service';
import type { MemberView } from '$lib/shared/views/orgs';

export type { MemberView };

export async function listMembers(
	actor: Actor | null,
	organisationId: string
): Promise<MemberView[]> {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'viewMembers', org));
	const rows = await db
		.select({
			userId: memberships.userId,
			name: users.name,
			role: memberships.role,
			since: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organisationId, organisationId))
		.orderBy(asc(memberships.role), asc(users.name));
	return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/**
 * Locks the organisation's row for the rest of the transaction, so two coordinators demoting or
 * removing each other at once cannot leave it with none.
 */
async function lockOrganisation(tx: Transaction, organisationId: string) {
	await tx
		.select({ id: organisations.id })
		.from(organisations)
		.where(eq(organisations.id, organisationId))
		.for('update');
}

async function assertNotLastCoordinator(tx: Transaction, organisationId: string, userId: string) {
	const [current] = await tx
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
	if (!current) throw new DomainError('not_found');
	if (current.role !== 'coordinator') return current.role;
	const [{ n }] = await tx
		.select({ n: count() })
		.from(memberships)
		.where(
			and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'coordinator'))
		);
	if (n <= 1) throw new DomainError('conflict', { extra: { reason: 'last_coordinator' } });
	return current.role;
}

/** A coordinator adds an existing account to the organisation (docs/api.md). */
export async function addMember(
	actor: Actor | null,
	organisationId: string,
	input: { userId: string; role: Role }
) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'manageMembers', org));
	await db.transaction(async (tx) => {
		const [person] = await tx
			.select({ id: users.id })
			.from(users)
			.where(eq(users.id, input.userId));
		if (!person) throw new DomainError('invalid_input', { fields: { userId: 'v_unknown_person' } });
		await refuseIfBlockedBy(tx, actor.id, [input.userId]);
		const added = await tx
			.insert(memberships)
			.values({ organisationId, userId: input.userId, role: input.role })
			.onConflictDoNothing()
			.returning();
		if (added.length === 0)
			throw new DomainError('conflict', { extra: { reason: 'already_member' } });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'membership.added',
			subjectType: 'organisation',
			subjectId: organisationId,
			details: { userId: input.userId, role: input.role }
		});
	});
	publish('membership.changed', { organisationId, userId: input.userId });
	publish('person.added', { userId: input.userId, addedBy: actor.id, organisationId });
	return { organisationId, userId: input.userId, role: input.role };
}

/** Changes someone's role; the last coordinator cannot be demoted. */
export async function changeRole(
	actor: Actor | null,
	organisationId: string,
	userId: string,
	role: Role
) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'manageMembers', org));
	await db.transaction(async (tx) => {
		await lockOrganisation(tx, organisationId);
		const previous =
			role === 'coordinator'
				? undefined
				: await assertNotLastCoordinator(tx, organisationId, userId);
		const updated = await tx
			.update(memberships)
			.set({ role })
			.where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
			.returning();
		if (updated.length === 0) throw new DomainError('not_found');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'membership.role_changed',
			subjectType: 'organisation',
			subjectId: organisationId,
			details: { userId, role, ...(previous ? { previous } : {}) }
		});
	});
	publish('membership.changed', { organisationId, userId });
}

/**
 * Removes a member (a coordinator's act) or leaves (one's own): the last coordinator can do
 * neither, so an organisation always has someone to run it.
 */
export async function removeMember(actor: Actor | null, organisationId: string, userId: string) {
	const org = await findVisibleOrganisation(actor, organisationId);
	const self = actor?.id === userId;
	authorize(actor, canOrganisation(actor, self ? 'leave' : 'manageMembers', org));
	await db.transaction(async (tx) => {
		await lockOrganisation(tx, organisationId);
		const role = await assertNotLastCoordinator(tx, organisationId, userId);
		await tx
			.delete(memberships)
			.where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
		await recordAudit(tx, {
			actorId: actor.id,
			action: self ? 'membership.left' : 'membership.removed',
			subjectType: 'organisation',
			subjectId: organisationId,
			details: { userId, role }
		});
	});
	publish('membership.changed', { organisationId, userId });
}

/** The coordinators of these organisations (joint channels start with them; they are told of handovers). */
export async function coordinatorsOf(
	organisationIds: string[],
	tx: Executor = db
): Promise<string[]> {
	if (!organisationIds.length) return [];
	const rows = await tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(
			and(inArray(memberships.organisationId, organisationIds), eq(memberships.role, 'coordinator'))
		);
	return [...new Set(rows.map((r) => r.userId))];
}

/** The same, with the organisation each coordinates (one row per person and organisation). */
export async function coordinatorsByOrganisation(
	organisationIds: string[],
	tx: Executor = db
): Promise<{ userId: string; organisationId: string }[]> {
	if (!organisationIds.length) return [];
	return tx
		.select({ userId: memberships.userId, organisationId: memberships.organisationId })
		.from(memberships)
		.where(
			and(inArray(memberships.organisationId, organisationIds), eq(memberships.role, 'coordinator'))
		);
}
