import { and, desc, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { authorize, refuse, requireVerified, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { offers, organisations, skills } from '../db/schema';
import { textQuery, webSearchText } from '../db/text-search';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { assertKnownPlaceAndCategory } from '../needs/for-offers';
import { decodeTimeCursor, toPage, type Page } from '../pagination';
import { withinTerritory } from '../territories/service';
import { recordOfferHistory } from './history';
import { canOffer, canOfferFor } from './policy';
import {
	fromOffers,
	offerTarget,
	openOffers,
	today,
	toOfferView,
	visibleOffers,
	type OfferRow
} from './views';
import type { CreateOfferInput, OffersQuery, UpdateOfferInput } from '$lib/shared/schemas/offers';
import type { OfferView } from '$lib/shared/views/offers';

async function assertKnownSkills(ids: string[]) {
	if (!ids.length) return;
	const found = await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, ids));
	if (found.length !== new Set(ids).size)
		throw new DomainError('invalid_input', { fields: { skillIds: 'v_invalid' } });
}

/** Anyone signed in offers help; for an organisation, its operators and coordinators. */
export async function createOffer(
	actor: Actor | null,
	input: CreateOfferInput
): Promise<{ id: string }> {
	requireVerified(actor);
	if (!canOfferFor(actor, input.organisationId)) refuse(actor);
	if (input.organisationId) {
		const [org] = await db
			.select({ status: organisations.status })
			.from(organisations)
			.where(eq(organisations.id, input.organisationId));
		if (org?.status === 'rejected') refuse(actor, 'organisation_rejected');
	}
	await assertKnownPlaceAndCategory(input.category, input.territoryId);
	await assertKnownSkills(input.skillIds);
	if (input.until && input.until < today())
		throw new DomainError('invalid_input', { fields: { until: 'v_date_past' } });
	const id = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(offers)
			.values({
				kind: input.kind,
				title: input.title,
				description: input.description,
				categoryId: input.category,
				territoryId: input.territoryId,
				skillIds: [...new Set(input.skillIds)],
				availability: input.availability,
				capacity: input.capacity,
				until: input.until,
				organisationId: input.organisationId,
				visibility: input.visibility,
				authorId: actor.id
			})
			.returning({ id: offers.id });
		await recordOfferHistory(tx, row.id, actor.id, 'posted');
		return row.id;
	});
	publish('offer.created', { offerId: id });
	return { id };
}

/** The offer as this person may see it; `not_found` when they may not. */
export async function loadOffer(actor: Actor | null, id: string): Promise<OfferRow> {
	authorize(actor, actor !== null);
	const [row] = await fromOffers().where(eq(offers.id, id));
	if (!row || !canOffer(actor, 'view', offerTarget(row.offer))) throw new DomainError('not_found');
	return row;
}

export async function getOffer(actor: Actor | null, id: string): Promise<OfferView> {
	return toOfferView(await loadOffer(actor, id));
}

/** The offer for its edit form: only for those who may edit it. */
export async function offerToEdit(actor: Actor | null, id: string): Promise<OfferView> {
	const row = await loadOffer(actor, id);
	authorize(actor, canOffer(actor, 'edit', offerTarget(row.offer)));
	return toOfferView(row);
}

/**
 * Edits what the offer says. Its capacity may not go below what was already accepted; who it
 * is for and who sees it stay as posted. The history names the fields that changed.
 */
export async function updateOffer(actor: Actor | null, id: string, input: UpdateOfferInput) {
	const row = await loadOffer(actor, id);
	authorize(actor, canOffer(actor, 'edit', offerTarget(row.offer)));
	await assertKnownPlaceAndCategory(input.category, input.territoryId);
	await assertKnownSkills(input.skillIds);
	const next = {
		kind: input.kind,
		title: input.title,
		description: input.description,
		categoryId: input.category,
		territoryId: input.territoryId,
		skillIds: [...new Set(input.skillIds)],
		availability: input.availability,
		capacity: input.capacity,
		until: input.until
	};
	const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
		(k) => JSON.stringify(row.offer[k]) !== JSON.stringify(next[k])
	);
	if (!changed.length) return;
	await db.transaction(async (tx) => {
		// The condition keeps the capacity above what an accept may have just taken.
		const [updated] = await tx
			.update(offers)
			.set({ ...next, updatedAt: new Date() })
			.where(and(eq(offers.id, id), sql`${offers.acceptedCount} <= ${input.capacity}`))
			.returning({ id: offers.id });
		if (!updated)
			throw new DomainError('invalid_input', { fields: { capacity: 'v_capacity_below_accepted' } });
		await recordOfferHistory(tx, id, actor!.id, 'edited', { fields: changed });
	});
	publish('offer.updated', { offerId: id });
}

/** Pauses, reopens or closes an offer. A closed one past its last day does not reopen. */
export async function setOfferStatus(
	actor: Actor | null,
	id: string,
	status: 'open' | 'paused' | 'closed'
) {
	const row = await loadOffer(actor, id);
	authorize(actor, canOffer(actor, 'edit', offerTarget(row.offer)));
	if (row.offer.status === status) return;
	if (status === 'open' && row.offer.until !== null && row.offer.until < today())
		throw new DomainError('conflict', { extra: { reason: 'offer_past_until' } });
	await db.transaction(async (tx) => {
		await tx.update(offers).set({ status, updatedAt: new Date() }).where(eq(offers.id, id));
		const action = status === 'open' ? 'reopened' : status;
		await recordOfferHistory(tx, id, actor!.id, action);
	});
	publish('offer.updated', { offerId: id });
}

/** The conditions of a list of offers, as the board's filters ask. */
function offerFilters(actor: Actor, query: Omit<OffersQuery, 'cursor' | 'limit'>): SQL[] {
	const conditions: SQL[] = [visibleOffers(actor)];
	const status = query.status ?? 'open';
	if (status === 'open') conditions.push(openOffers());
	else if (status === 'full')
		conditions.push(
			sql`${offers.status} = 'open' and ${offers.acceptedCount} >= ${offers.capacity} and (${offers.until} is null or ${offers.until} >= ${today()}::date)`
		);
	else if (status === 'paused')
		conditions.push(
			sql`${offers.status} = 'paused' and (${offers.until} is null or ${offers.until} >= ${today()}::date)`
		);
	else if (status === 'closed')
		conditions.push(sql`(${offers.status} = 'closed' or ${offers.until} < ${today()}::date)`);
	if (query.kind) conditions.push(eq(offers.kind, query.kind));
	if (query.category) conditions.push(eq(offers.categoryId, query.category));
	if (query.territoryId) conditions.push(withinTerritory(offers.territoryId, query.territoryId));
	if (query.q) conditions.push(sql`${offers.search} @@ ${textQuery(webSearchText(query.q))}`);
	return conditions;
}

/** Offers this person may see, newest first, a page at a time. */
export async function listOffers(
	actor: Actor | null,
	query: OffersQuery
): Promise<Page<OfferView>> {
	authorize(actor, actor !== null);
	const after = decodeTimeCursor(query.cursor);
	const conditions = offerFilters(actor, query);
	if (after)
		conditions.push(
			or(
				lt(offers.createdAt, after.at),
				and(eq(offers.createdAt, after.at), lt(offers.id, after.id))
			)!
		);
	const rows = await fromOffers()
		.where(and(...conditions))
		.orderBy(desc(offers.createdAt), desc(offers.id))
		.limit(query.limit + 1);
	return toPage(rows, query.limit, toOfferView, (r) => [
		r.offer.createdAt.toISOString(),
		r.offer.id
	]);
}

/** One's own offers (and one's organisations'), newest first: "What I'm helping with". */
export async function offersOf(actor: Actor | null): Promise<OfferView[]> {
	authorize(actor, actor !== null);
	const rows = await fromOffers()
		.where(and(eq(offers.authorId, actor.id), ne(offers.status, 'closed')))
		.orderBy(desc(offers.createdAt))
		.limit(50);
	return rows.map(toOfferView).filter((o) => o.status !== 'closed');
}

/** The sweep: offers past their last day are closed in writing, each in its history. */
export async function sweepEndedOffers(): Promise<number> {
	const ended = await db.transaction(async (tx) => {
		const rows = await tx
			.update(offers)
			.set({ status: 'closed', updatedAt: new Date() })
			.where(and(ne(offers.status, 'closed'), lt(offers.until, today())))
			.returning({ id: offers.id });
		for (const { id } of rows) await recordOfferHistory(tx, id, null, 'ended');
		return rows.map((r) => r.id);
	});
	for (const offerId of ended) publish('offer.updated', { offerId });
	return ended.length;
}
