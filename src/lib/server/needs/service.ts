import { and, desc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { categories, needs, organisations, territories } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { decodeTimeCursor, toPage, type Page } from '../http/pagination';
import { withinTerritory } from '../territories/service';
import { canNeed, canPostNeed, type NeedTarget } from './policy';
import type { CreateNeedInput } from '$lib/shared/schemas/needs';

type NeedRow = typeof needs.$inferSelect;

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
	capacity: number;
	claimedCount: number;
	claims: { id: string; userId: string; expiresAt: string }[];
	authorId: string | null;
	createdAt: string;
	updatedAt: string;
	/** Present only for those the needs policy lets see it. */
	contact?: string;
}

const selection = {
	need: needs,
	territoryName: territories.name,
	organisationName: organisations.name
};

function target(row: NeedRow): NeedTarget {
	return { organisationId: row.organisationId, visibility: row.visibility, authorId: row.authorId };
}

/** The need as this actor may see it: `contact` only where the policy allows. */
export function shapeNeed(
	actor: Actor | null,
	row: { need: NeedRow; territoryName: string | null; organisationName: string | null }
): NeedView {
	const { need } = row;
	const view: NeedView = {
		id: need.id,
		title: need.title,
		description: need.description,
		category: need.categoryId,
		urgency: need.urgency,
		territoryId: need.territoryId,
		territoryName: row.territoryName,
		organisationId: need.organisationId,
		organisationName: row.organisationName,
		visibility: need.visibility,
		status: need.status,
		capacity: need.capacity,
		claimedCount: 0,
		claims: [],
		authorId: need.authorId,
		createdAt: need.createdAt.toISOString(),
		updatedAt: need.updatedAt.toISOString()
	};
	if (canNeed(actor, 'viewContact', target(need))) view.contact = need.contact;
	return view;
}

/**
 * Posts a need: for oneself, or for an organisation by its operators and coordinators. An
 * organisation-only need exists for that organisation's members alone.
 */
export async function createNeed(actor: Actor | null, input: CreateNeedInput): Promise<NeedView> {
	authorize(actor, canPostNeed(actor, input.organisationId));
	const [category] = await db
		.select({ id: categories.id })
		.from(categories)
		.where(eq(categories.id, input.category));
	if (!category)
		throw new DomainError('invalid_input', { fields: { category: 'v_unknown_category' } });
	if (input.territoryId) {
		const [t] = await db
			.select({ id: territories.id })
			.from(territories)
			.where(eq(territories.id, input.territoryId));
		if (!t) throw new DomainError('invalid_input', { fields: { territoryId: 'v_invalid' } });
	}
	const [row] = await db
		.insert(needs)
		.values({
			title: input.title,
			description: input.description,
			categoryId: input.category,
			urgency: input.urgency,
			territoryId: input.territoryId,
			organisationId: input.organisationId,
			visibility: input.visibility,
			contact: input.contact,
			capacity: input.capacity,
			authorId: actor.id
		})
		.returning();
	publish('need.created', { needId: row.id });
	return getNeed(actor, row.id);
}

/** A need the actor may see, or `not_found`: an organisation-only need does not exist for outsiders. */
export async function getNeed(actor: Actor | null, id: string): Promise<NeedView> {
	authorize(actor, actor !== null);
	const [row] = await db
		.select(selection)
		.from(needs)
		.leftJoin(territories, eq(territories.id, needs.territoryId))
		.leftJoin(organisations, eq(organisations.id, needs.organisationId))
		.where(eq(needs.id, id));
	if (!row || !canNeed(actor, 'view', target(row.need))) throw new DomainError('not_found');
	return shapeNeed(actor, row);
}

/** The SQL form of the policy's "view": public needs, and organisation-only needs of one's own organisations. */
export function visibleNeeds(actor: Actor): SQL {
	const mine = [...actor.roles.keys()];
	return mine.length
		? or(eq(needs.visibility, 'public'), inArray(needs.organisationId, mine))!
		: eq(needs.visibility, 'public');
}

export async function listNeeds(
	actor: Actor | null,
	query: {
		status?: NeedRow['status'];
		category?: string;
		territoryId?: string;
		q?: string;
		limit: number;
		cursor?: string;
	}
): Promise<Page<NeedView>> {
	authorize(actor, actor !== null);
	const conditions: SQL[] = [visibleNeeds(actor)];
	if (query.status) conditions.push(eq(needs.status, query.status));
	if (query.category) conditions.push(eq(needs.categoryId, query.category));
	if (query.territoryId) conditions.push(withinTerritory(needs.territoryId, query.territoryId));
	if (query.q) {
		const pattern = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
		conditions.push(or(ilike(needs.title, pattern), ilike(needs.description, pattern))!);
	}
	const after = decodeTimeCursor(query.cursor);
	if (after)
		conditions.push(
			or(lt(needs.createdAt, after.at), and(eq(needs.createdAt, after.at), lt(needs.id, after.id)))!
		);
	const rows = await db
		.select(selection)
		.from(needs)
		.leftJoin(territories, eq(territories.id, needs.territoryId))
		.leftJoin(organisations, eq(organisations.id, needs.organisationId))
		.where(and(...conditions))
		.orderBy(desc(needs.createdAt), desc(needs.id))
		.limit(query.limit + 1);
	return toPage(
		rows,
		query.limit,
		(r) => shapeNeed(actor, r),
		(r) => [r.need.createdAt.toISOString(), r.need.id]
	);
}
