import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db, currentDatabase, type Executor } from '../db/client';
import { actionPartners, actions, actionTerritories } from '../db/schema';
import { listTerritories, type Territory } from '../territories/service';
import type { ActionKind } from '$lib/shared/schemas/actions';
import type { ClashView } from '$lib/shared/views/actions';
import { actionRows, visibleActions } from './views';

/** How far apart in time two similar titles still hint at the same plan. */
const HINT_DAYS = 14;
const LIMIT = 10;

/**
 * The places an action on `ids` shares ground with: each place, every place above it (an action
 * for the whole district covers the neighbourhood) and every place inside it.
 */
export function sharedGround(all: readonly Territory[], ids: readonly string[]): string[] {
	const parentOf = new Map(all.map((t) => [t.id, t.parentId]));
	const children = new Map<string | null, string[]>();
	for (const t of all) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
	const out = new Set<string>();
	for (const id of ids) {
		if (!parentOf.has(id)) continue;
		for (let up: string | null | undefined = id; up; up = parentOf.get(up)) out.add(up);
		const below = [...(children.get(id) ?? [])];
		while (below.length) {
			const next = below.pop()!;
			out.add(next);
			below.push(...(children.get(next) ?? []));
		}
	}
	return [...out];
}

export interface PlannedAction {
	kind: ActionKind;
	title: string;
	leadOrganisationId: string;
	territoryIds: string[];
	startsAt: Date;
	endsAt: Date;
	/** The places it shares ground with (`groundOf`): read before any transaction. */
	ground: string[];
	/** When an action is being changed: itself is no clash. */
	selfId?: string;
}

/** The ground of an action on these places (the territories are read outside any transaction). */
export async function groundOf(territoryIds: readonly string[]): Promise<string[]> {
	return sharedGround(await listTerritories(), territoryIds);
}

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Actions of another organisation (not one the lead already takes part in), not over. */
function othersOf(plan: PlannedAction) {
	return sql`${actions.leadOrganisationId} <> ${plan.leadOrganisationId}::uuid
		and ${actions.status} in ('planned', 'running')
		and ${actions.id} <> ${plan.selfId ?? '00000000-0000-0000-0000-000000000000'}::uuid
		and not exists (select 1 from ${actionPartners} p where p.action_id = ${actions.id}
			and p.organisation_id = ${plan.leadOrganisationId}::uuid and p.status = 'accepted')`;
}

/**
 * The ids of actions that would clash with a planned one: of the same kind, by another organisation,
 * overlapping in time (half-open periods: one ending as the other starts does not), on the same
 * ground (the same place, one inside it or one containing it). Only actions the planner may see
 * are considered, so a partners-only action never shows through a warning.
 */
export async function findClashes(
	actor: Actor,
	plan: PlannedAction,
	tx: Executor = db
): Promise<string[]> {
	if (!plan.ground.length) return [];
	const ground = plan.ground;
	const found = currentDatabase().rows<{ id: string }>(
		await tx.execute(sql`
			select ${actions.id} as id from ${actions}
			where ${actions.kind} = ${plan.kind}
				and tstzrange(${actions.startsAt}, ${actions.endsAt}, '[)') && tstzrange(${plan.startsAt.toISOString()}::timestamptz, ${plan.endsAt.toISOString()}::timestamptz, '[)')
				and ${othersOf(plan)}
				and exists (select 1 from ${actionTerritories} t where t.action_id = ${actions.id}
					and t.territory_id = any(${uuids(ground)}))
				and ${visibleActions(actor)}
			order by ${actions.startsAt}, ${actions.id}
			limit ${LIMIT}`)
	);
	return found.map((r) => r.id);
}

/**
 * Other organisations' actions with a similar title near in time, of any kind and anywhere:
 * only a hint ("is it the same plan?"), never a reason to refuse. "Similar" is pg_trgm's `%`
 * (similarity ≥ 0.3, its default threshold), which one GiST index on the period and the title
 * answers together with the overlap (migration 0023): a trigram index on titles alone matched
 * tens of thousands of rows, and the period's alone left every title of those weeks to score.
 */
export async function similarActions(
	actor: Actor,
	plan: PlannedAction,
	exclude: readonly string[],
	tx: Executor = db
): Promise<ClashView[]> {
	const margin = HINT_DAYS * 86_400_000;
	const from = new Date(plan.startsAt.getTime() - margin).toISOString();
	const to = new Date(plan.endsAt.getTime() + margin).toISOString();
	const found = currentDatabase().rows<{ id: string }>(
		await tx.execute(sql`
			select ${actions.id} as id from ${actions}
			where tstzrange(${actions.startsAt}, ${actions.endsAt}, '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')
				and ${othersOf(plan)}
				and ${actions.id} <> all(${uuids(exclude)})
				and ${actions.title} % ${plan.title}
				and ${visibleActions(actor)}
			order by similarity(${actions.title}, ${plan.title}) desc, ${actions.id}
			limit 5`)
	);
	return clashViews(
		found.map((r) => r.id),
		tx
	);
}

/** Actions as a clash warning names them: who plans what, where and when. */
export async function clashViews(ids: string[], tx: Executor = db): Promise<ClashView[]> {
	return (await actionRows(ids, tx)).map((row) => ({
		id: row.action.id,
		title: row.action.title,
		kind: row.action.kind,
		organisationId: row.action.leadOrganisationId,
		organisationName: row.leadOrganisationName,
		territoryIds: row.territories.map((t) => t.id),
		territoryNames: row.territories.map((t) => t.name),
		startsAt: row.action.startsAt.toISOString(),
		endsAt: row.action.endsAt.toISOString()
	}));
}
