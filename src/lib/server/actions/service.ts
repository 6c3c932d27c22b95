import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { authorize, requireVerified, verifiedIn, type Actor } from '../auth/actor';
import { openActionChannel } from '../channels/for-actions';
import { db, type Executor } from '../db/client';
import {
	actionClashDecisions,
	actions,
	actionTargetGroups,
	actionTerritories,
	targetGroups,
	territories
} from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { decodeTimeCursor, toPage, type Page } from '../pagination';
import { withinTerritory } from '../territories/service';
import { clashViews, findClashes, groundOf, similarActions, type PlannedAction } from './clashes';
import { canAction } from './policy';
import { actionRows, actionTarget, toActionView, visibleActions, type ActionRow } from './views';
import type {
	ActionsQuery,
	CreateActionInput,
	UpdateActionInput
} from '$lib/shared/schemas/actions';
import type { ActionView, ClashView } from '$lib/shared/views/actions';

/** The action as this person may see it; `not_found` when they may not (whether or not it exists). */
export async function loadAction(
	actor: Actor | null,
	id: string,
	tx: Executor = db
): Promise<ActionRow> {
	const [row] = await actionRows([id], tx);
	if (!row || !canAction(actor, 'view', actionTarget(row))) throw new DomainError('not_found');
	return row;
}

export async function getAction(actor: Actor | null, id: string): Promise<ActionView> {
	return toActionView(actor, await loadAction(actor, id));
}

async function assertKnownPlacesAndGroups(territoryIds: string[], targetGroupIds: string[]) {
	const [places, groups] = await Promise.all([
		db
			.select({ id: territories.id })
			.from(territories)
			.where(inArray(territories.id, territoryIds)),
		targetGroupIds.length
			? db
					.select({ id: targetGroups.id })
					.from(targetGroups)
					.where(inArray(targetGroups.id, targetGroupIds))
			: []
	]);
	const fields: Record<string, string> = {};
	if (places.length !== new Set(territoryIds).size) fields.territoryIds = 'v_invalid';
	if (groups.length !== new Set(targetGroupIds).size) fields.targetGroupIds = 'v_invalid';
	if (Object.keys(fields).length) throw new DomainError('invalid_input', { fields });
}

/** A clash found inside a transaction: it is rolled back before the warning is put together. */
class ClashFound extends Error {
	constructor(readonly ids: string[]) {
		super('possible clash');
	}
}

/**
 * The clashes of a plan, inside the transaction that saves it: when there are any and the
 * planner did not choose to go ahead, nothing is saved (see `refusingClashes`); when they chose
 * to, the clashes are returned for the decision to be recorded with who took it.
 */
async function checkClashes(
	tx: Executor,
	actor: Actor,
	plan: PlannedAction,
	allowClash: boolean
): Promise<ClashView[]> {
	const ids = await findClashes(actor, plan, tx);
	if (ids.length && !allowClash) throw new ClashFound(ids);
	return clashViews(ids, tx);
}

/**
 * Runs a plan's transaction; a clash found in it becomes `possible_clash` with the clashes and,
 * as a hint, similar titles near in time. Both are read after the rollback, side by side on
 * the pool, so the warning costs about one query more than the check (bench/actions.js).
 */
async function refusingClashes<T>(
	actor: Actor,
	plan: PlannedAction,
	save: () => Promise<T>
): Promise<T> {
	try {
		return await save();
	} catch (error) {
		if (!(error instanceof ClashFound)) throw error;
		const [clashes, similar] = await Promise.all([
			clashViews(error.ids),
			similarActions(actor, plan, error.ids)
		]);
		throw new DomainError('possible_clash', { extra: { clashes, similar } });
	}
}

async function recordClashDecision(
	tx: Executor,
	actionId: string,
	actor: Actor,
	clashes: ClashView[]
) {
	if (!clashes.length) return;
	await tx.insert(actionClashDecisions).values({
		actionId,
		decidedBy: actor.id,
		clashes: clashes.map((c) => ({ id: c.id, title: c.title }))
	});
}

/**
 * A joint action or campaign, led by an organisation the network verified, by its coordinators.
 * Clashing plans are refused before anything is saved (see `checkClashes`); the action comes with
 * its joint channel for the lead and, later, its partners.
 */
export async function createAction(
	actor: Actor | null,
	input: CreateActionInput
): Promise<{ id: string }> {
	requireVerified(actor);
	const lead = input.leadOrganisationId;
	authorize(actor, actor.roles.get(lead) === 'coordinator');
	authorize(actor, verifiedIn(actor, lead), 'organisation_not_verified');
	await assertKnownPlacesAndGroups(input.territoryIds, input.targetGroupIds);
	const territoryIds = [...new Set(input.territoryIds)];
	const plan: PlannedAction = {
		...input,
		leadOrganisationId: lead,
		territoryIds,
		ground: await groundOf(territoryIds)
	};
	const { id, members } = await refusingClashes(actor, plan, () =>
		db.transaction(async (tx) => {
			const clashes = await checkClashes(tx, actor, plan, input.allowClash);
			const channel = await openActionChannel(tx, {
				title: input.title,
				organisationId: lead,
				createdBy: actor.id
			});
			const [row] = await tx
				.insert(actions)
				.values({
					kind: input.kind,
					title: input.title,
					description: input.description,
					leadOrganisationId: lead,
					startsAt: input.startsAt,
					endsAt: input.endsAt,
					goal: input.goal,
					goalCount: input.goalCount,
					visibility: input.visibility,
					channelId: channel.id,
					createdBy: actor.id
				})
				.returning({ id: actions.id });
			await tx
				.insert(actionTerritories)
				.values(territoryIds.map((territoryId) => ({ actionId: row.id, territoryId })));
			if (input.targetGroupIds.length)
				await tx.insert(actionTargetGroups).values(
					[...new Set(input.targetGroupIds)].map((targetGroupId) => ({
						actionId: row.id,
						targetGroupId
					}))
				);
			await recordClashDecision(tx, row.id, actor, clashes);
			return { id: row.id, members: channel.members };
		})
	);
	for (const userId of members) publish('channel.joined', { channelId: id, userId });
	publish('action.updated', { actionId: id });
	return { id };
}

/**
 * Changes an action: its lead's coordinators. New dates or places are checked for clashes as a
 * new action would be; the lead and the joint channel stay.
 */
export async function updateAction(actor: Actor | null, id: string, input: UpdateActionInput) {
	const row = await loadAction(actor, id);
	authorize(actor, canAction(actor, 'edit', actionTarget(row)));
	await assertKnownPlacesAndGroups(input.territoryIds, input.targetGroupIds);
	const territoryIds = [...new Set(input.territoryIds)];
	const before = row.territories.map((t) => t.id).sort();
	const moved =
		input.startsAt.getTime() !== row.action.startsAt.getTime() ||
		input.endsAt.getTime() !== row.action.endsAt.getTime() ||
		input.kind !== row.action.kind ||
		JSON.stringify([...territoryIds].sort()) !== JSON.stringify(before);
	const plan: PlannedAction = {
		...input,
		leadOrganisationId: row.action.leadOrganisationId,
		territoryIds,
		ground: moved ? await groundOf(territoryIds) : [],
		selfId: id
	};
	await refusingClashes(actor, plan, () =>
		db.transaction(async (tx) => {
			const clashes = moved ? await checkClashes(tx, actor, plan, input.allowClash) : [];
			await tx
				.update(actions)
				.set({
					kind: input.kind,
					title: input.title,
					description: input.description,
					startsAt: input.startsAt,
					endsAt: input.endsAt,
					goal: input.goal,
					goalCount: input.goalCount,
					visibility: input.visibility,
					status: input.status ?? row.action.status,
					updatedAt: new Date()
				})
				.where(eq(actions.id, id));
			await tx.delete(actionTerritories).where(eq(actionTerritories.actionId, id));
			await tx
				.insert(actionTerritories)
				.values(territoryIds.map((territoryId) => ({ actionId: id, territoryId })));
			await tx.delete(actionTargetGroups).where(eq(actionTargetGroups.actionId, id));
			if (input.targetGroupIds.length)
				await tx.insert(actionTargetGroups).values(
					[...new Set(input.targetGroupIds)].map((targetGroupId) => ({
						actionId: id,
						targetGroupId
					}))
				);
			await recordClashDecision(tx, id, actor, clashes);
		})
	);
	publish('action.updated', { actionId: id });
}

/** The conditions of a list of actions, as the API's and the pages' filters ask. */
export function actionFilters(
	actor: Actor | null,
	query: Omit<ActionsQuery, 'cursor' | 'limit'>
): SQL[] {
	const conditions: SQL[] = [visibleActions(actor)];
	if (query.kind) conditions.push(eq(actions.kind, query.kind));
	if (query.organisationId)
		conditions.push(
			sql`(${actions.leadOrganisationId} = ${query.organisationId}::uuid or exists (select 1 from action_partners p
				where p.action_id = ${actions.id} and p.organisation_id = ${query.organisationId}::uuid and p.status = 'accepted'))`
		);
	if (query.territoryId)
		conditions.push(
			sql`exists (select 1 from ${actionTerritories} t where t.action_id = ${actions.id} and ${withinTerritory(sql`t.territory_id`, query.territoryId)})`
		);
	if (query.targetGroupId)
		conditions.push(
			sql`exists (select 1 from ${actionTargetGroups} g where g.action_id = ${actions.id} and g.target_group_id = ${query.targetGroupId})`
		);
	if (query.from) conditions.push(gt(actions.endsAt, query.from));
	if (query.to) conditions.push(sql`${actions.startsAt} < ${query.to.toISOString()}::timestamptz`);
	return conditions;
}

/** Actions this person may see (signed out: public ones), soonest first, a page at a time. */
export async function listActions(
	actor: Actor | null,
	query: ActionsQuery
): Promise<Page<ActionView>> {
	const after = decodeTimeCursor(query.cursor);
	const conditions = actionFilters(actor, query);
	if (after)
		conditions.push(
			or(
				gt(actions.startsAt, after.at),
				and(eq(actions.startsAt, after.at), gt(actions.id, after.id))
			)!
		);
	const ids = await db
		.select({ id: actions.id })
		.from(actions)
		.where(and(...conditions))
		.orderBy(asc(actions.startsAt), asc(actions.id))
		.limit(query.limit + 1);
	const rows = await actionRows(ids.map((r) => r.id));
	return toPage(
		rows,
		query.limit,
		(row) => toActionView(actor, row),
		(row) => [row.action.startsAt.toISOString(), row.action.id]
	);
}

/** The target groups administrators keep, for forms and filters. */
export function listTargetGroups() {
	return db.select().from(targetGroups).orderBy(asc(targetGroups.labelIt));
}

/** Refuses work on an action that is over. */
export function assertActionOpen(row: ActionRow) {
	if (row.action.status === 'done' || row.action.status === 'cancelled')
		throw new DomainError('conflict', { extra: { reason: 'action_closed' } });
}
