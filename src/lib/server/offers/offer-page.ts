import { authorize, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { listNeeds } from '../needs/service';
import { offerHistoryOf } from './history';
import { offerCan } from './policy';
import { requestsOfOffer } from './requests';
import { loadOffer } from './service';
import { offerTarget, toOfferView } from './views';

/**
 * Everything an offer's page shows, for this person: the offer, what they may do, its requests
 * (all of them for those who answer, one's own otherwise), its history for those who answer,
 * and the open requests for help they could ask it for.
 */
export async function offerPage(actor: Actor | null, id: string) {
	authorize(actor, actor !== null);
	const row = await loadOffer(actor, id);
	const can = offerCan(actor, offerTarget(row.offer));
	const [requests, history, mine] = await Promise.all([
		requestsOfOffer(actor, row.offer),
		can.decide ? offerHistoryOf(db, id) : Promise.resolve([]),
		can.request
			? listNeeds(actor, { authored: true, sort: 'newest', limit: 20 }, 'summary')
			: Promise.resolve({ items: [] })
	]);
	return {
		offer: toOfferView(row),
		can,
		requests,
		history,
		// One's own requests for help still open: an offer may be asked for one of them.
		myNeeds: mine.items
			.filter((n) => n.status === 'open' || n.status === 'in_progress')
			.map((n) => ({ id: n.id, title: n.title }))
	};
}
