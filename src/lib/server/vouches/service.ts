import { and, eq, isNull, sql } from 'drizzle-orm';
import { authorize, verifiedIn, type Actor } from '../auth/actor';
import { recordAudit } from '../administration/audit';
import { now } from '../clock';
import { db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { users, vouches } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import type { VouchInput } from '$lib/shared/schemas/vouches';

/**
 * Who may vouch for a person, making them a trusted helper without membership: the network's
 * administrators (for the network), or a verified organisation's coordinators (for it).
 */
export function canVouch(actor: Actor | null, organisationId: string | null): boolean {
	if (!actor?.emailVerified) return false;
	if (!organisationId) return actor.isAdmin;
	return actor.roles.get(organisationId) === 'coordinator' && verifiedIn(actor, organisationId);
}

const openVouch = (userId: string, organisationId: string | null) =>
	and(
		eq(vouches.userId, userId),
		organisationId ? eq(vouches.organisationId, organisationId) : isNull(vouches.organisationId),
		isNull(vouches.revokedAt)
	);

/** Vouches for someone; vouching twice is the same vouch. Recorded in the audit log. */
export async function vouchFor(actor: Actor | null, userId: string, input: VouchInput) {
	authorize(actor, canVouch(actor, input.organisationId));
	if (userId === actor.id)
		throw new DomainError('invalid_input', { fields: { userId: 'v_invalid' } });
	const [person] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
	if (!person) throw new DomainError('not_found');
	await db
		.transaction(async (tx) => {
			await tx.insert(vouches).values({
				userId,
				organisationId: input.organisationId,
				vouchedBy: actor.id,
				note: input.note
			});
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'person.vouched',
				subjectType: 'user',
				subjectId: userId,
				details: { organisationId: input.organisationId }
			});
		})
		.catch((error) => {
			// Already vouched for by the same: nothing new.
			if (!isUniqueViolation(error)) throw error;
		});
}

/** Withdraws a vouch; the claims it allowed end at once (access follows its reason). */
export async function withdrawVouch(
	actor: Actor | null,
	userId: string,
	organisationId: string | null
) {
	authorize(actor, canVouch(actor, organisationId));
	const ended = await db.transaction(async (tx) => {
		const rows = await tx
			.update(vouches)
			.set({ revokedAt: now() })
			.where(openVouch(userId, organisationId))
			.returning({ id: vouches.id });
		if (rows.length)
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'person.vouch_withdrawn',
				subjectType: 'user',
				subjectId: userId,
				details: { organisationId }
			});
		return rows.length;
	});
	if (!ended) throw new DomainError('not_found');
	publish('trust.changed', { userId });
}

/** Whether someone is vouched for by the network (the administrators' page shows it). */
export async function vouchedByNetwork(userIds: string[]): Promise<Set<string>> {
	if (!userIds.length) return new Set();
	const rows = await db
		.select({ userId: vouches.userId })
		.from(vouches)
		.where(
			and(
				isNull(vouches.organisationId),
				isNull(vouches.revokedAt),
				sql`${vouches.userId} = any(${`{${userIds.join(',')}}`}::uuid[])`
			)
		);
	return new Set(rows.map((r) => r.userId));
}
