import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db } from '../db/client';
import { actionReach, actions, targetGroups } from '../db/schema';
import { listTerritories } from '../territories/service';
import type { ActionsQuery } from '$lib/shared/schemas/actions';
import type { WhoDoesWhatView } from '$lib/shared/views/actions';
import { actionFilters } from './service';
import { actionRows, toActionView } from './views';
import { commitmentsOf } from './work';
import { sharedGround } from './clashes';

/** More actions than a table a person reads: the rest are counted, not listed. */
const LIMIT = 500;

/**
 * Who does what where across the network (or one territory), for the actions this person may
 * see: one row per organisation and action with what it committed, the number of actions on
 * each place, and the gaps: for each target group, the places (the smallest ones, under the
 * filtered territory) where no action for that group takes place, on it, above it or inside it.
 */
export async function whoDoesWhat(
	actor: Actor | null,
	query: Omit<ActionsQuery, 'cursor' | 'limit'>
): Promise<WhoDoesWhatView> {
	const ids = await db
		.select({ id: actions.id })
		.from(actions)
		.where(and(...actionFilters(actor, query)))
		.orderBy(asc(actions.startsAt), asc(actions.id))
		.limit(LIMIT + 1);
	const rows = await actionRows(ids.slice(0, LIMIT).map((r) => r.id));
	const actionIds = rows.map((r) => r.action.id);
	const [commitments, reached, all, groups] = await Promise.all([
		commitmentsOf(actionIds),
		reachByPlace(actionIds),
		listTerritories(),
		db.select().from(targetGroups).orderBy(asc(targetGroups.labelIt))
	]);
	const table = rows.flatMap((row) => {
		const action = toActionView(actor, row);
		const doing = [
			{ organisationId: action.leadOrganisationId, name: action.leadOrganisationName, lead: true },
			...action.partners
				.filter((p) => p.status === 'accepted')
				.map((p) => ({ organisationId: p.organisationId, name: p.name, lead: false }))
		];
		return doing.map((o) => ({
			organisationId: o.organisationId,
			organisationName: o.name,
			lead: o.lead,
			actionId: action.id,
			title: action.title,
			kind: action.kind,
			territoryNames: action.territoryNames,
			targetGroupIds: action.targetGroupIds,
			startsAt: action.startsAt,
			endsAt: action.endsAt,
			commitments: commitments
				.filter((c) => c.actionId === action.id && c.organisationId === o.organisationId)
				.map((c) => ({ what: c.what, quantity: c.quantity, territoryName: c.territoryName }))
		}));
	});
	// The places looked at: the filtered territory and everything under it, or the whole map.
	const scope = query.territoryId
		? new Set(
				sharedGround(all, [query.territoryId]).filter((id) => isUnder(all, id, query.territoryId!))
			)
		: new Set(all.map((t) => t.id));
	const count = new Map<string, number>();
	for (const row of rows)
		for (const place of row.territories)
			if (scope.has(place.id)) count.set(place.id, (count.get(place.id) ?? 0) + 1);
	const parents = new Set(all.map((t) => t.parentId));
	const smallest = all.filter((t) => scope.has(t.id) && !parents.has(t.id));
	const wanted = query.targetGroupId ? groups.filter((g) => g.id === query.targetGroupId) : groups;
	const gaps = wanted.map((group) => {
		const covered = new Set(
			sharedGround(
				all,
				rows
					.filter((r) => r.targetGroupIds.includes(group.id))
					.flatMap((r) => r.territories.map((t) => t.id))
			)
		);
		return {
			targetGroupId: group.id,
			territories: smallest
				.filter((t) => !covered.has(t.id))
				.map((t) => ({ id: t.id, name: t.name }))
		};
	});
	return {
		rows: table,
		truncated: ids.length > LIMIT,
		byTerritory: all
			.filter((t) => count.has(t.id))
			.map((t) => ({ territoryId: t.id, name: t.name, actions: count.get(t.id)! }))
			.sort((a, b) => b.actions - a.actions),
		gaps,
		reach: reachOfNetwork(rows, reached, all)
	};
}

/** The people each action reached on each place it recorded, from the partners' figures. */
async function reachByPlace(actionIds: string[]) {
	if (!actionIds.length) return [];
	return db
		.select({
			actionId: actionReach.actionId,
			territoryId: actionReach.territoryId,
			peopleReached: sql<number>`sum(${actionReach.peopleReached})::int`
		})
		.from(actionReach)
		.where(inArray(actionReach.actionId, actionIds))
		.groupBy(actionReach.actionId, actionReach.territoryId);
}

function reachOfNetwork(
	rows: { action: { id: string }; targetGroupIds: string[] }[],
	reached: { actionId: string; territoryId: string | null; peopleReached: number }[],
	all: readonly { id: string; name: string }[]
): WhoDoesWhatView['reach'] {
	const byPlace = new Map<string | null, number>();
	const byGroup = new Map<string, number>();
	const groupsOf = new Map(rows.map((r) => [r.action.id, r.targetGroupIds]));
	for (const r of reached) {
		byPlace.set(r.territoryId, (byPlace.get(r.territoryId) ?? 0) + r.peopleReached);
		for (const g of groupsOf.get(r.actionId) ?? [])
			byGroup.set(g, (byGroup.get(g) ?? 0) + r.peopleReached);
	}
	const nameOf = new Map(all.map((t) => [t.id, t.name]));
	return {
		total: reached.reduce((n, r) => n + r.peopleReached, 0),
		byTerritory: [...byPlace]
			.map(([territoryId, peopleReached]) => ({
				territoryId,
				name: territoryId ? (nameOf.get(territoryId) ?? null) : null,
				peopleReached
			}))
			.sort((a, b) => b.peopleReached - a.peopleReached),
		byTargetGroup: [...byGroup]
			.map(([targetGroupId, peopleReached]) => ({ targetGroupId, peopleReached }))
			.sort((a, b) => b.peopleReached - a.peopleReached)
	};
}

/** Whether `id` is `root` or a place inside it. */
function isUnder(
	all: readonly { id: string; parentId: string | null }[],
	id: string,
	root: string
) {
	const parentOf = new Map(all.map((t) => [t.id, t.parentId]));
	for (let at: string | null | undefined = id; at; at = parentOf.get(at))
		if (at === root) return true;
	return false;
}
