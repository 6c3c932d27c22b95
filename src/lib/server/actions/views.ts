import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db, type Executor } from '../db/client';
import {
	actionPartners,
	actions,
	actionTargetGroups,
	actionTerritories,
	organisations,
	territories
} from '../db/schema';
import type { ActionView } from '$lib/shared/views/actions';
import { canAction, type ActionTarget } from './policy';

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * The SQL form of the policy's "view": public actions for everyone, network ones for anyone
 * signed in, partners-only ones for members of the lead and of accepted partners (and the
 * coordinators of invited ones). `tests/integration/actions.test.ts` checks both agree.
 */
export function visibleActions(actor: Actor | null): SQL {
	if (!actor) return sql`${actions.visibility} = 'public'`;
	const mine = [...actor.roles.keys()];
	const coordinating = mine.filter((id) => actor.roles.get(id) === 'coordinator');
	if (!mine.length) return sql`${actions.visibility} <> 'partners'`;
	return sql`(${actions.visibility} <> 'partners'
		or ${actions.leadOrganisationId} = any(${uuids(mine)})
		or exists (select 1 from ${actionPartners} p where p.action_id = ${actions.id}
			and ((p.status = 'accepted' and p.organisation_id = any(${uuids(mine)}))
				or (p.status = 'invited' and p.organisation_id = any(${uuids(coordinating)})))))`;
}

export interface ActionRow {
	action: typeof actions.$inferSelect;
	leadOrganisationName: string;
	partners: ActionView['partners'];
	territories: { id: string; name: string; path: string }[];
	targetGroupIds: string[];
}

/** Actions with their partners, places and target groups, in the order of `ids`. */
export async function actionRows(ids: string[], tx: Executor = db): Promise<ActionRow[]> {
	if (!ids.length) return [];
	const [rows, partners, places, groups] = await Promise.all([
		tx
			.select({ action: actions, leadOrganisationName: organisations.name })
			.from(actions)
			.innerJoin(organisations, eq(organisations.id, actions.leadOrganisationId))
			.where(inArray(actions.id, ids)),
		tx
			.select({
				actionId: actionPartners.actionId,
				organisationId: actionPartners.organisationId,
				name: organisations.name,
				status: actionPartners.status,
				askedToJoin: actionPartners.askedToJoin
			})
			.from(actionPartners)
			.innerJoin(organisations, eq(organisations.id, actionPartners.organisationId))
			.where(inArray(actionPartners.actionId, ids))
			.orderBy(actionPartners.invitedAt),
		tx
			.select({
				actionId: actionTerritories.actionId,
				id: territories.id,
				name: territories.name,
				path: territories.path
			})
			.from(actionTerritories)
			.innerJoin(territories, eq(territories.id, actionTerritories.territoryId))
			.where(inArray(actionTerritories.actionId, ids))
			.orderBy(territories.name),
		tx
			.select()
			.from(actionTargetGroups)
			.where(inArray(actionTargetGroups.actionId, ids))
			.orderBy(actionTargetGroups.targetGroupId)
	]);
	const byId = new Map(rows.map((r) => [r.action.id, r]));
	return ids.flatMap((id) => {
		const row = byId.get(id);
		if (!row) return [];
		return [
			{
				...row,
				partners: partners
					.filter((p) => p.actionId === id)
					.map(({ organisationId, name, status, askedToJoin }) => ({
						organisationId,
						name,
						status,
						askedToJoin
					})),
				territories: places
					.filter((p) => p.actionId === id)
					.map(({ id, name, path }) => ({ id, name, path })),
				targetGroupIds: groups.filter((g) => g.actionId === id).map((g) => g.targetGroupId)
			}
		];
	});
}

export const actionTarget = (row: ActionRow): ActionTarget => ({
	leadOrganisationId: row.action.leadOrganisationId,
	visibility: row.action.visibility,
	partners: row.partners
});

/** The action as this person receives it: the joint channel only for those taking part. */
export function toActionView(actor: Actor | null, row: ActionRow): ActionView {
	const a = row.action;
	return {
		id: a.id,
		kind: a.kind,
		title: a.title,
		description: a.description,
		leadOrganisationId: a.leadOrganisationId,
		leadOrganisationName: row.leadOrganisationName,
		partners: row.partners,
		territoryIds: row.territories.map((t) => t.id),
		territoryNames: row.territories.map((t) => t.name),
		targetGroupIds: row.targetGroupIds,
		startsAt: a.startsAt.toISOString(),
		endsAt: a.endsAt.toISOString(),
		goal: a.goal,
		goalCount: a.goalCount,
		visibility: a.visibility,
		status: a.status,
		channelId: canAction(actor, 'take_part', actionTarget(row)) ? a.channelId : null,
		createdAt: a.createdAt.toISOString()
	};
}
