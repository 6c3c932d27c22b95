import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { offerHistory, users } from '../db/schema';

export type OfferHistoryAction =
	| 'posted'
	| 'edited'
	| 'paused'
	| 'reopened'
	| 'closed'
	| 'ended'
	| 'requested'
	| 'accepted'
	| 'declined'
	| 'cancelled'
	| 'done';

/** Records what happened to an offer, in the same transaction as the change itself. */
export async function recordOfferHistory(
	tx: Executor,
	offerId: string,
	actorId: string | null,
	action: OfferHistoryAction,
	details: Record<string, unknown> = {}
) {
	await tx.insert(offerHistory).values({ offerId, actorId, action, details });
}

export async function offerHistoryOf(tx: Executor, offerId: string) {
	const rows = await tx
		.select({
			id: offerHistory.id,
			action: offerHistory.action,
			details: offerHistory.details,
			createdAt: offerHistory.createdAt,
			actorName: users.name
		})
		.from(offerHistory)
		.leftJoin(users, eq(users.id, offerHistory.actorId))
		.where(eq(offerHistory.offerId, offerId))
		.orderBy(asc(offerHistory.seq));
	return rows.map((r) => ({
		...r,
		action: r.action as OfferHistoryAction,
		actorName: r.actorName ?? '',
		createdAt: r.createdAt.toISOString()
	}));
}
