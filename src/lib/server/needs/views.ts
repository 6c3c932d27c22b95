import { getTableColumns, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { now } from '../clock';
import { claims, needParts, needs, organisations, skills, territories, users } from '../db/schema';
import { canNeed, type NeedTarget } from './policy';
import type { ClaimView, NeedView, PartView } from '$lib/shared/views/needs';

export type { ClaimView, NeedView, PartView };

type NeedRow = Omit<typeof needs.$inferSelect, 'search'>;

/** Every column but the search vector, which no answer needs. */
const { search: _search, ...needColumns } = getTableColumns(needs);
void _search;

/** What the JSON aggregation of a need's parts gives (claimed counts are added when shaping). */
type PartRow = Omit<PartView, 'claimedCount'>;

/**
 * A need with its names, parts and active claims, in one query: parts and claims come as JSON
 * arrays, so a board page is a single round trip however many needs it shows.
 */
export const needSelection = {
	need: needColumns,
	territoryName: territories.name,
	organisationName: organisations.name,
	organisationStatus: organisations.status,
	parts: sql<
		PartRow[]
	>`coalesce((select json_agg(json_build_object('id', p.id, 'title', p.title, 'capacity', p.capacity, 'requiredSkill', case when s.id is null then null else json_build_object('id', s.id, 'name', s.name) end) order by p.position) from ${needParts} p left join ${skills} s on s.id = p.required_skill_id where p.need_id = ${needs.id}), '[]'::json)`,
	activeClaims: sql<
		ClaimView[]
	>`coalesce((select json_agg(json_build_object('id', c.id, 'needId', c.need_id, 'partId', c.part_id, 'userId', c.user_id, 'userName', u.name, 'createdAt', c.created_at, 'expiresAt', c.expires_at, 'lastActivityAt', c.last_activity_at) order by c.created_at) from ${claims} c join ${users} u on u.id = c.user_id where c.need_id = ${needs.id} and c.status = 'active'), '[]'::json)`
};

export interface NeedRowWithNames {
	need: NeedRow;
	territoryName: string | null;
	organisationName: string | null;
	organisationStatus: 'pending' | 'verified' | 'rejected' | null;
	parts: PartRow[];
	activeClaims: ClaimView[];
}

export function needTarget(need: NeedRow, actorHoldsClaim = false): NeedTarget {
	return {
		organisationId: need.organisationId,
		visibility: need.visibility,
		authorId: need.authorId,
		claimRule: need.claimRule,
		actorHoldsClaim,
		contactShared: need.contactShared
	};
}

/**
 * The row as it stands now: a claim past its end has ended, even before the sweep (or the next
 * claim) writes so. Reads never write; they read the clock.
 */
export function liveRow<R extends NeedRowWithNames>(row: R, at: Date = now()): R {
	const active = row.activeClaims.filter((c) => new Date(c.expiresAt) > at);
	if (active.length === row.activeClaims.length) return row;
	const status = row.need.status === 'in_progress' && !active.length ? 'open' : row.need.status;
	return { ...row, need: { ...row.need, status }, activeClaims: active };
}

/** A need as this actor may see it: helpers and contact only for those the policy lets see them. */
export function shapeNeed(actor: Actor | null, stored: NeedRowWithNames): NeedView {
	const row = liveRow(stored);
	const { need, parts, activeClaims: active } = row;
	const holds = actor !== null && active.some((c) => c.userId === actor.id);
	const target = needTarget(need, holds);
	const seesHelpers = canNeed(actor, 'viewHistory', target);
	const seesContact = canNeed(actor, 'viewContact', target);
	// A rejected organisation is gone for outsiders: its name does not travel with its needs.
	const hideOrganisation =
		row.organisationStatus === 'rejected' &&
		!(need.organisationId && actor?.roles.has(need.organisationId));
	const view: NeedView = {
		id: need.id,
		title: need.title,
		description: need.description,
		category: need.categoryId,
		urgency: need.urgency,
		territoryId: need.territoryId,
		territoryName: row.territoryName,
		organisationId: hideOrganisation ? null : need.organisationId,
		organisationName: hideOrganisation ? null : row.organisationName,
		visibility: need.visibility,
		claimRule: need.claimRule,
		status: need.status,
		outcome: need.outcome,
		duplicateOfId: need.duplicateOfId,
		approxLocation: need.approxLocation,
		dueDate: need.dueDate,
		capacity: parts.reduce((sum, p) => sum + p.capacity, 0) || need.capacity,
		claimedCount: active.length,
		parts: parts.map((p) => ({
			id: p.id,
			title: p.title,
			capacity: p.capacity,
			claimedCount: active.filter((c) => c.partId === p.id).length,
			requiredSkill: p.requiredSkill ?? null
		})),
		claims: active
			.filter((c) => seesHelpers || c.userId === actor?.id)
			.map((c) => ({
				...c,
				createdAt: new Date(c.createdAt).toISOString(),
				expiresAt: new Date(c.expiresAt).toISOString(),
				lastActivityAt: new Date(c.lastActivityAt).toISOString()
			})),
		authorId: seesHelpers ? need.authorId : null,
		createdAt: need.createdAt.toISOString(),
		updatedAt: need.updatedAt.toISOString()
	};
	if (seesContact) view.contact = need.contact;
	// A helper without the person's consent learns that there is a way, not what it is.
	else if (seesHelpers && need.contact !== '') view.contactWithheld = true;
	if (need.redactedAt) view.redacted = true;
	return view;
}
