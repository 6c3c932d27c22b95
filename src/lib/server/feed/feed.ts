import type { Actor } from '../auth/actor';
import { listNeeds } from '../needs/service';
import { listOffers } from '../offers/service';
import { decodeTimeCursor, encodeCursor, type Page } from '../pagination';
import type { FeedQuery } from '$lib/shared/schemas/offers';
import type { NeedView } from '$lib/shared/views/needs';
import type { OfferView } from '$lib/shared/views/offers';

export type FeedItem = { type: 'need'; need: NeedView } | { type: 'offer'; offer: OfferView };

const createdAt = (item: FeedItem) =>
	item.type === 'need' ? item.need.createdAt : item.offer.createdAt;
const idOf = (item: FeedItem) => (item.type === 'need' ? item.need.id : item.offer.id);

/**
 * Needs that still want someone and open offers, in one list newest first (or one of the two:
 * the board's switch). Each side is read with its own rules and filters, a page past the
 * cursor each; the two are merged and cut to a page, so the cursor (time and id of the last
 * item) continues both.
 */
export async function feedPage(actor: Actor | null, query: FeedQuery): Promise<Page<FeedItem>> {
	const type = query.type ?? 'all';
	const after = decodeTimeCursor(query.cursor);
	const filters = { category: query.category, territoryId: query.territoryId, q: query.q };
	const [needs, offers] = await Promise.all([
		type === 'offers'
			? null
			: listNeeds(
					actor,
					{
						...filters,
						status: 'open',
						sort: 'newest',
						limit: query.limit,
						// The board's cursor has the urgency's rank first; "newest" does not read it.
						cursor: after ? encodeCursor('0', after.at.toISOString(), after.id) : undefined
					},
					'summary'
				),
		type === 'needs'
			? null
			: listOffers(actor, {
					...filters,
					status: 'open',
					limit: query.limit,
					cursor: query.cursor
				})
	]);
	const items: FeedItem[] = [
		...(needs?.items ?? []).map((need) => ({ type: 'need' as const, need })),
		...(offers?.items ?? []).map((offer) => ({ type: 'offer' as const, offer }))
	].sort((a, b) =>
		createdAt(a) === createdAt(b)
			? idOf(b).localeCompare(idOf(a))
			: createdAt(b).localeCompare(createdAt(a))
	);
	const page = items.slice(0, query.limit);
	const more = items.length > query.limit || !!needs?.nextCursor || !!offers?.nextCursor;
	const last = page.at(-1);
	return {
		items: page,
		nextCursor: more && last ? encodeCursor(createdAt(last), idOf(last)) : null
	};
}
