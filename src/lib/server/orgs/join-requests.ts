import { and, asc, eq } from 'drizzle-orm';
import { authorize, requireVerified, type Actor, type Role } from '../auth/actor';
import { recordAudit } from '../administration/audit';
import { now } from '../clock';
import { db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { joinRequests, memberships, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { canOrganisation } from './policy';
import { findVisibleOrganisation } from './service';

export async function requestToJoin(
	actor: Actor | null,
	organisationId: string,
	input: { message: string }
) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'requestToJoin', org));
	requireVerified(actor);
	try {
		const [row] = await db
			.insert(joinRequests)
			.values({ organisationId, userId: actor.id, message: input.message })
			.returning();
		return { id: row.id, status: row.status };
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', { extra: { reason: 'already_requested' } });
		throw error;
	}
}

/** The actor's own open request to an organisation, if any (to show "request sent"). */
export async function myPendingRequest(actor: Actor | null, organisationId: string) {
	if (!actor) return null;
	const [row] = await db
		.select({ id: joinRequests.id, createdAt: joinRequests.createdAt })
		.from(joinRequests)
		.where(
			and(
				eq(joinRequests.organisationId, organisationId),
				eq(joinRequests.userId, actor.id),
				eq(joinRequests.status, 'pending')
			)
		);
	return row ?? null;
}

export async function listJoinRequests(actor: Actor | null, organisationId: string) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'decideJoinRequests', org));
	const rows = await db
		.select({
			id: joinRequests.id,
			userId: joinRequests.userId,
			name: users.name,
			message: joinRequests.message,
			createdAt: joinRequests.createdAt
		})
		.from(joinRequests)
		.innerJoin(users, eq(users.id, joinRequests.userId))
		.where(and(eq(joinRequests.organisationId, organisationId), eq(joinRequests.status, 'pending')))
		.orderBy(asc(joinRequests.createdAt));
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** A coordinator approves (with a role, volunteer by default) or declines; each request once. */
export async function decideJoinRequest(
	actor: Actor | null,
	organisationId: string,
	requestId: string,
	input: { decision: 'approve' | 'decline'; role: Role }
) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'decideJoinRequests', org));
	const status = input.decision === 'approve' ? 'approved' : 'declined';
	const decided = await db.transaction(async (tx) => {
		const [row] = await tx
			.update(joinRequests)
			.set({ status, decidedBy: actor.id, decidedAt: now() })
			.where(
				and(
					eq(joinRequests.id, requestId),
					eq(joinRequests.organisationId, organisationId),
					eq(joinRequests.status, 'pending')
				)
			)
			.returning();
		if (!row) throw new DomainError('not_found');
		if (status === 'approved') {
			await tx
				.insert(memberships)
				.values({ organisationId, userId: row.userId, role: input.role })
				.onConflictDoNothing();
		}
		await recordAudit(tx, {
			actorId: actor.id,
			action: status === 'approved' ? 'join_request.approved' : 'join_request.declined',
			subjectType: 'organisation',
			subjectId: organisationId,
			details: { userId: row.userId, ...(status === 'approved' ? { role: input.role } : {}) }
		});
		return row;
	});
	if (status === 'approved')
		publish('membership.changed', { organisationId, userId: decided.userId });
	return { id: decided.id, status };
}
