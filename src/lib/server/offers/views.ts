import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { offers, organisations, territories, users } from '../db/schema';
import { dayOf } from '$lib/shared/format';
import type { OfferStatus } from '$lib/shared/schemas/offers';
import type { OfferView } from '$lib/shared/views/offers';
import type { OfferTarget } from './policy';

/** Today in the network's time zone: an offer holds through its `until` day. */
export const today = () => dayOf(now());

/**
 * The SQL form of the policy's "view": public offers, and organisation-only offers of one's own
 * organisations.
 */
export function visibleOffers(actor: Actor): SQL {
	const mine = [...actor.roles.keys()];
	return mine.length
		? sql`(${offers.visibility} = 'public' or ${offers.organisationId} = any(${`{${mine.join(',')}}`}::uuid[]))`
		: sql`${offers.visibility} = 'public'`;
}

/** Open, with room, and not past its last day: what may still be asked for. */
export function openOffers(): SQL {
	return sql`(${offers.status} = 'open' and ${offers.acceptedCount} < ${offers.capacity} and (${offers.until} is null or ${offers.until} >= ${today()}::date))`;
}

export const offerSelection = {
	offer: offers,
	territoryName: territories.name,
	organisationName: organisations.name,
	authorName: users.name
};

export function fromOffers() {
	return db
		.select(offerSelection)
		.from(offers)
		.leftJoin(territories, eq(territories.id, offers.territoryId))
		.leftJoin(organisations, eq(organisations.id, offers.organisationId))
		.innerJoin(users, eq(users.id, offers.authorId));
}

export type OfferRow = {
	offer: typeof offers.$inferSelect;
	territoryName: string | null;
	organisationName: string | null;
	authorName: string;
};

/** What it is now: past its last day it is closed, open with every unit taken it is full. */
export function offerStatus(offer: typeof offers.$inferSelect, day = today()): OfferStatus {
	if (offer.status === 'closed' || (offer.until !== null && offer.until < day)) return 'closed';
	if (offer.status === 'paused') return 'paused';
	return offer.acceptedCount >= offer.capacity ? 'full' : 'open';
}

export const offerTarget = (offer: typeof offers.$inferSelect): OfferTarget => ({
	authorId: offer.authorId,
	organisationId: offer.organisationId,
	visibility: offer.visibility
});

export function toOfferView(row: OfferRow): OfferView {
	const o = row.offer;
	return {
		id: o.id,
		kind: o.kind,
		title: o.title,
		description: o.description,
		category: o.categoryId,
		territoryId: o.territoryId,
		territoryName: row.territoryName,
		skillIds: o.skillIds,
		availability: o.availability,
		capacity: o.capacity,
		acceptedCount: o.acceptedCount,
		status: offerStatus(o),
		until: o.until,
		organisationId: o.organisationId,
		organisationName: row.organisationName,
		visibility: o.visibility,
		authorId: o.authorId,
		authorName: row.authorName,
		createdAt: o.createdAt.toISOString(),
		updatedAt: o.updatedAt.toISOString()
	};
}
