import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db, type Executor } from '../db/client';
import { claims, needParts, needs, organisations, territories, users } from '../db/schema';
import { canNeed, type NeedTarget } from './policy';

type NeedRow = Omit<typeof needs.$inferSelect, 'search'>;

export interface PartView {
	id: string;
	title: string;
	capacity: number;
	claimedCount: number;
}

export interface ClaimView {
	id: string;
	needId: string;
	partId: string;
	userId: string;
	userName: string;
	createdAt: string;
	expiresAt: string;
}

export interface NeedView {
	id: string;
	title: string;
	description: string;
	category: string;
	urgency: NeedRow['urgency'];
	territoryId: string | null;
	territoryName: string | null;
	organisationId: string | null;
	organisationName: string | null;
	visibility: NeedRow['visibility'];
	status: NeedRow['status'];
	outcome: NeedRow['outcome'];
	duplicateOfId: string | null;
	approxLocation: string;
	dueDate: string | null;
	capacity: number;
	claimedCount: number;
	parts: PartView[];
	/** Who is helping: the whole list for those the policy lets see it, otherwise one's own claims. */
	claims: ClaimView[];
	authorId: string | null;
	createdAt: string;
	updatedAt: string;
	/** Present only for those the needs policy lets see it. */
	contact?: string;
}

/** Every column but the search vector, which no answer needs. */
const { search: _search, ...needColumns } = getTableColumns(needs);
void _search;

export const needSelection = {
	need: needColumns,
	territoryName: territories.name,
	organisationName: organisations.name,
	organisationStatus: organisations.status
};

export interface NeedRowWithNames {
	need: NeedRow;
	territoryName: string | null;
	organisationName: string | null;
	organisationStatus: 'pending' | 'verified' | 'rejected' | null;
}

export function needTarget(need: NeedRow, actorHoldsClaim = false): NeedTarget {
	return {
		organisationId: need.organisationId,
		visibility: need.visibility,
		authorId: need.authorId,
		actorHoldsClaim
	};
}

/** Loads parts and active claims of many needs at once, and shapes each for this actor. */
export async function shapeNeeds(
	actor: Actor | null,
	rows: NeedRowWithNames[],
	tx: Executor = db
): Promise<NeedView[]> {
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.need.id);
	const [parts, active] = await Promise.all([
		tx
			.select()
			.from(needParts)
			.where(inArray(needParts.needId, ids))
			.orderBy(asc(needParts.position)),
		tx
			.select({ claim: claims, userName: users.name })
			.from(claims)
			.innerJoin(users, eq(users.id, claims.userId))
			.where(and(inArray(claims.needId, ids), eq(claims.status, 'active')))
			.orderBy(asc(claims.createdAt))
	]);
	return rows.map((row) => {
		const mine = active.filter((c) => c.claim.needId === row.need.id);
		const holds = actor !== null && mine.some((c) => c.claim.userId === actor.id);
		return shape(
			actor,
			row,
			parts.filter((p) => p.needId === row.need.id),
			mine,
			holds
		);
	});
}

function shape(
	actor: Actor | null,
	row: NeedRowWithNames,
	parts: (typeof needParts.$inferSelect)[],
	active: { claim: typeof claims.$inferSelect; userName: string }[],
	holds: boolean
): NeedView {
	const { need } = row;
	const target = needTarget(need, holds);
	const seesHelpers = canNeed(actor, 'viewContact', target);
	// A rejected organisation is gone for outsiders: its name does not travel with its needs.
	const hideOrganisation =
		row.organisationStatus === 'rejected' &&
		!(need.organisationId && actor?.roles.has(need.organisationId));
	const visibleClaims = active.filter((c) => seesHelpers || c.claim.userId === actor?.id);
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
			claimedCount: active.filter((c) => c.claim.partId === p.id).length
		})),
		claims: visibleClaims.map(({ claim, userName }) => ({
			id: claim.id,
			needId: claim.needId,
			partId: claim.partId,
			userId: claim.userId,
			userName,
			createdAt: claim.createdAt.toISOString(),
			expiresAt: claim.expiresAt.toISOString()
		})),
		authorId: need.authorId,
		createdAt: need.createdAt.toISOString(),
		updatedAt: need.updatedAt.toISOString()
	};
	if (canNeed(actor, 'viewContact', target)) view.contact = need.contact;
	return view;
}
