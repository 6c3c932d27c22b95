import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { needHistory, users } from '../db/schema';

export type HistoryAction =
	| 'posted'
	| 'posted_despite_duplicates'
	| 'edited'
	| 'claimed'
	| 'extended'
	| 'released'
	| 'expired'
	| 'completed'
	| 'claim_done'
	| 'claim_could_not'
	| 'fulfilled_by_helpers'
	| 'contact_logged'
	| 'handover_requested'
	| 'handover_accepted'
	| 'handover_refused'
	| 'handover_auto_approved'
	| 'handover_lapsed'
	| 'stale_released'
	| 'marked_duplicate'
	| 'duplicate_attached'
	| 'consent_recorded'
	| 'consent_revoked'
	| 'erased';

/** Records what happened to a need, in the same transaction as the change itself. */
export async function recordHistory(
	tx: Executor,
	needId: string,
	actorId: string | null,
	action: HistoryAction,
	details: Record<string, unknown> = {}
) {
	await tx.insert(needHistory).values({ needId, actorId, action, details });
}

export async function historyOf(tx: Executor, needId: string) {
	const rows = await tx
		.select({
			id: needHistory.id,
			action: needHistory.action,
			details: needHistory.details,
			createdAt: needHistory.createdAt,
			actorId: needHistory.actorId,
			actorName: users.name
		})
		.from(needHistory)
		.leftJoin(users, eq(users.id, needHistory.actorId))
		.where(eq(needHistory.needId, needId))
		.orderBy(asc(needHistory.seq));
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The last thing that happened to each of these needs ("what changed"), by need. */
export async function latestEntries(tx: Executor, needIds: string[]) {
	if (needIds.length === 0) return new Map<string, LatestEntry>();
	const rows = await tx
		.selectDistinctOn([needHistory.needId], {
			needId: needHistory.needId,
			action: needHistory.action,
			createdAt: needHistory.createdAt,
			actorName: users.name
		})
		.from(needHistory)
		.leftJoin(users, eq(users.id, needHistory.actorId))
		.where(inArray(needHistory.needId, needIds))
		.orderBy(needHistory.needId, desc(needHistory.seq));
	return new Map(
		rows.map((r) => [
			r.needId,
			{ action: r.action, actorName: r.actorName, createdAt: r.createdAt.toISOString() }
		])
	);
}

export interface LatestEntry {
	action: string;
	actorName: string | null;
	createdAt: string;
}
