import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { DAY, HOUR, now } from '../clock';
import { config } from '../config';
import { db } from '../db/client';
import { claims } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { lockNeed, syncStatus } from './claims';
import { recordHistory } from './history';
import { canNeed } from './policy';
import { loadForActor } from './service';
import { needTarget } from './views';

/**
 * Tells each holder once that their claim ends within CLAIM_REMINDER_HOURS. The mark is set by
 * a conditional update (the expiry it was for), so two nodes never remind twice, and an extended
 * claim is reminded again before its new end. Returns how many were reminded.
 */
export async function remindExpiringClaims(): Promise<number> {
	const soon = new Date(now().getTime() + config().claimReminderHours * HOUR);
	const due = await db
		.update(claims)
		.set({ remindedFor: sql`${claims.expiresAt}` })
		.where(
			and(
				eq(claims.status, 'active'),
				lte(claims.expiresAt, soon),
				gt(claims.expiresAt, now()),
				sql`${claims.remindedFor} is distinct from ${claims.expiresAt}`
			)
		)
		.returning();
	for (const c of due)
		publish('claim.expiring', {
			claimId: c.id,
			needId: c.needId,
			userId: c.userId,
			expiresAt: c.expiresAt.toISOString()
		});
	return due.length;
}

/**
 * A coordinator of the need's organisation frees a slot whose holder has done nothing for the
 * person in STALE_CLAIM_DAYS (contacts logged, handovers answered, the claim itself). A claim
 * with recent activity is refused with `claim_not_stale`; the holder is told either way it ends.
 */
export async function releaseStaleClaim(
	actor: Actor | null,
	needId: string,
	claimId: string,
	reason = ''
) {
	authorize(actor, actor !== null);
	const { row } = await loadForActor(actor, needId);
	authorize(actor, canNeed(actor, 'releaseStale', needTarget(row.need)));
	const quietSince = new Date(now().getTime() - config().staleClaimDays * DAY);
	const released = await db.transaction(async (tx) => {
		// The need first, as every change of its claims does (no deadlock with an answer).
		await lockNeed(tx, needId);
		const [claim] = await tx
			.update(claims)
			.set({ status: 'released', endedAt: now(), endReason: 'stale' })
			.where(
				and(
					eq(claims.id, claimId),
					eq(claims.needId, needId),
					eq(claims.status, 'active'),
					lte(claims.lastActivityAt, quietSince)
				)
			)
			.returning();
		if (!claim) {
			// Read under the lock: the claim may have ended (handed over, released) meanwhile.
			const [still] = await tx
				.select({ id: claims.id })
				.from(claims)
				.where(and(eq(claims.id, claimId), eq(claims.needId, needId), eq(claims.status, 'active')));
			if (!still) throw new DomainError('not_found');
			throw new DomainError('conflict', { extra: { reason: 'claim_not_stale' } });
		}
		await recordHistory(tx, needId, actor.id, 'stale_released', {
			claimId,
			userId: claim.userId,
			lastActivityAt: claim.lastActivityAt.toISOString(),
			...(reason ? { reason } : {})
		});
		await syncStatus(tx, needId);
		return claim;
	});
	publish('need.updated', { needId });
	publish('claim.released_stale', { claimId, needId, userId: released.userId });
}
