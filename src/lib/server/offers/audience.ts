import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { memberships, offerRequests, offers } from '../db/schema';
import { territoryLine } from '../territories/service';
import { rooms, type Delivery } from '../events/rooms';
import { fromOffers, toOfferView } from './views';
import type { OfferView } from '$lib/shared/views/offers';

/**
 * Who receives an offer that was posted or changed. An offer carries nothing private (never a
 * contact), so everyone who may see it gets the same shape: a public offer goes to the boards
 * of its territory and those above (and the whole network's), an organisation-only one to its
 * organisation's people, and its author and those who asked for it always hear of it.
 */
export async function offerAudience(offerId: string): Promise<Delivery<{ offer: OfferView }>[]> {
	const [row] = await fromOffers().where(eq(offers.id, offerId));
	if (!row) return [];
	const offer = toOfferView(row);
	// Its author and those who asked for it follow it wherever they are (a request's answer
	// reaches the requester's open page).
	const askers = await db
		.selectDistinct({ userId: offerRequests.requesterId })
		.from(offerRequests)
		.where(eq(offerRequests.offerId, offerId));
	const involved = [offer.authorId, ...askers.map((a) => a.userId)].map(rooms.user);
	if (offer.visibility === 'organisation' && offer.organisationId) {
		const members = await db
			.select({ userId: memberships.userId })
			.from(memberships)
			.where(eq(memberships.organisationId, offer.organisationId));
		const userRooms = new Set([...involved, ...members.map((m) => rooms.user(m.userId))]);
		return [{ rooms: [...userRooms], payload: { offer } }];
	}
	const line = await territoryLine(offer.territoryId);
	return [
		{ rooms: [rooms.boardAll, ...line.map(rooms.board)], except: involved, payload: { offer } },
		{ rooms: involved, payload: { offer } }
	];
}
