import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { memberships, needActivities, needs, organisations, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { canNeed } from './policy';
import { visibleNeeds } from './queries';
import { loadForActor } from './service';
import { needTarget } from './views';
import type { StartActivityInput } from '$lib/shared/schemas/activities';
import type { ActivityView } from '$lib/shared/views/needs';

export type { ActivityView };

/** "I am calling this person now" holds this long unless extended. */
export const ACTIVITY_MS = 15 * 60_000;

/** Who may say they are acting on a need: those who can reach the person, while it is open. */
async function loadForActing(actor: Actor | null, needId: string) {
	authorize(actor, actor !== null);
	const { row, holds } = await loadForActor(actor, needId);
	authorize(actor, canNeed(actor, 'act', needTarget(row.need, holds)));
	if (row.need.status === 'fulfilled' || row.need.status === 'closed')
		throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
}

/**
 * Starts an activity, or extends it: calling again restarts the 15 minutes. The same activity
 * still running keeps its start; a different one (or one that had lapsed) starts afresh.
 */
export async function startActivity(
	actor: Actor | null,
	needId: string,
	input: StartActivityInput
): Promise<Pick<ActivityView, 'kind' | 'startedAt' | 'expiresAt'>> {
	await loadForActing(actor, needId);
	const at = now();
	const expiresAt = new Date(at.getTime() + ACTIVITY_MS);
	const [row] = await db
		.insert(needActivities)
		.values({ needId, userId: actor!.id, kind: input.kind, startedAt: at, expiresAt })
		.onConflictDoUpdate({
			target: [needActivities.needId, needActivities.userId],
			set: {
				kind: input.kind,
				startedAt: sql`case when ${needActivities.kind} = excluded.kind and ${needActivities.expiresAt} > ${at.toISOString()}::timestamptz then ${needActivities.startedAt} else excluded.started_at end`,
				expiresAt
			}
		})
		.returning();
	publish('need.activity', { needId });
	return {
		kind: row.kind,
		startedAt: row.startedAt.toISOString(),
		expiresAt: row.expiresAt.toISOString()
	};
}

/** Ends one's own activity on a need (nothing to end is fine). Seeing the need is enough. */
export async function stopActivity(actor: Actor | null, needId: string): Promise<void> {
	authorize(actor, actor !== null);
	await loadForActor(actor, needId);
	const gone = await db
		.delete(needActivities)
		.where(and(eq(needActivities.needId, needId), eq(needActivities.userId, actor.id)))
		.returning({ userId: needActivities.userId });
	if (gone.length) publish('need.activity', { needId });
}

/**
 * The organisation named beside a person on a need: their membership in the need's
 * organisation if they have one, otherwise their first; a rejected organisation is never named.
 */
function organisationShown(userId: SQL | AnyPgColumn) {
	return sql<string | null>`(select o.name from ${memberships} m
		join ${organisations} o on o.id = m.organisation_id
		where m.user_id = ${userId} and o.status <> 'rejected'
		order by (m.organisation_id is not distinct from ${needs.organisationId}) desc, m.created_at
		limit 1)`;
}

/**
 * What a person looking at a need is shown as, in one query that also applies the view rule:
 * `not_found` for a need they may not see (an organisation-only need of others).
 */
export async function viewerOrganisation(actor: Actor, needId: string): Promise<string | null> {
	const [row] = await db
		.select({
			organisationId: needs.organisationId,
			visibility: needs.visibility,
			authorId: needs.authorId,
			claimRule: needs.claimRule,
			organisation: organisationShown(sql`${actor.id}::uuid`)
		})
		.from(needs)
		.where(eq(needs.id, needId));
	if (!row || !canNeed(actor, 'view', row)) throw new DomainError('not_found');
	return row.organisation;
}

/** Which of these needs the actor may see, in one query (the others are silently left out). */
export async function visibleAmong(actor: Actor, needIds: string[]): Promise<string[]> {
	if (!needIds.length) return [];
	const rows = await db
		.select({ id: needs.id })
		.from(needs)
		.where(and(inArray(needs.id, needIds), visibleNeeds(actor)));
	return rows.map((r) => r.id);
}

/** The running activities of these needs (open ones only), oldest first, in one query. */
export async function activitiesOf(needIds: string[]): Promise<Map<string, ActivityView[]>> {
	const byNeed = new Map<string, ActivityView[]>();
	if (!needIds.length) return byNeed;
	const rows = await db
		.select({
			needId: needActivities.needId,
			userId: needActivities.userId,
			name: users.name,
			organisation: organisationShown(needActivities.userId),
			kind: needActivities.kind,
			startedAt: needActivities.startedAt,
			expiresAt: needActivities.expiresAt
		})
		.from(needActivities)
		.innerJoin(users, eq(users.id, needActivities.userId))
		.innerJoin(needs, eq(needs.id, needActivities.needId))
		.where(
			and(
				inArray(needActivities.needId, needIds),
				gt(needActivities.expiresAt, now()),
				inArray(needs.status, ['open', 'in_progress'])
			)
		)
		.orderBy(asc(needActivities.startedAt));
	for (const { needId, startedAt, expiresAt, ...rest } of rows) {
		if (!byNeed.has(needId)) byNeed.set(needId, []);
		byNeed.get(needId)!.push({
			...rest,
			startedAt: startedAt.toISOString(),
			expiresAt: expiresAt.toISOString()
		});
	}
	return byNeed;
}
