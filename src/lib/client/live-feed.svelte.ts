import { m } from '$lib/paraglide/messages';
import { summarise, type NeedSummaryView } from '$lib/shared/need-summary';
import type { NeedView } from '$lib/shared/views/needs';
import type { OfferView } from '$lib/shared/views/offers';
import { matchesFilters } from './live-needs';
import { fitsOffers } from './live-offers.svelte';
import type { ClientSocket } from './realtime.svelte';

export type FeedEntry =
	{ type: 'need'; need: NeedSummaryView } | { type: 'offer'; offer: OfferView };

export interface FeedFilters {
	category?: string;
	territoryId?: string;
	/** Words are matched by the server's search: a searched list takes no newcomers. */
	q?: string;
}

const keyOf = (entry: FeedEntry) =>
	entry.type === 'need' ? `need:${entry.need.id}` : `offer:${entry.offer.id}`;

/**
 * Requests and offers in one list as the server gave it, then kept current by the socket with
 * the rules of each list: an open one that fits comes in at the top, a changed one is updated
 * in place, one no longer open (taken, paused, full, closed) leaves. Said to screen readers.
 */
export class LiveFeed {
	items = $state.raw<FeedEntry[]>([]);
	announcement = $state('');
	readonly #filters: FeedFilters;

	constructor(items: FeedEntry[], filters: FeedFilters) {
		this.items = items;
		this.#filters = { ...filters };
	}

	/** The key of each entry, for the list's keyed `each`. */
	static key = keyOf;

	#apply(entry: FeedEntry, fits: boolean, created: boolean) {
		const title = entry.type === 'need' ? entry.need.title : entry.offer.title;
		const key = keyOf(entry);
		const shown = this.items.some((e) => keyOf(e) === key);
		if (!shown) {
			if (!created || !fits || this.#filters.q) return;
			this.items = [entry, ...this.items];
			this.announcement =
				entry.type === 'need' ? m.board_new_need({ title }) : m.offers_new_live({ title });
		} else if (fits) {
			this.items = this.items.map((e) => (keyOf(e) === key ? entry : e));
		} else {
			this.items = this.items.filter((e) => keyOf(e) !== key);
			this.announcement = m.board_need_left({ title });
		}
	}

	connect(socket: ClientSocket): () => void {
		const filters = this.#filters;
		const subscribe = () => socket.emit('board:subscribe', { territoryId: filters.territoryId });
		const onNeed = (created: boolean) => (event: { need: NeedView }) => {
			const need = summarise(event.need);
			const fits = matchesFilters(need, { ...filters, status: 'open' });
			this.#apply({ type: 'need', need }, fits, created);
		};
		const onOffer = (created: boolean) => (event: { offer: OfferView }) => {
			const { offer } = event;
			this.#apply({ type: 'offer', offer }, fitsOffers(offer, filters), created);
		};
		const needCreated = onNeed(true);
		const needUpdated = onNeed(false);
		const offerCreated = onOffer(true);
		const offerUpdated = onOffer(false);
		subscribe();
		socket.on('connect', subscribe);
		socket.on('need:created', needCreated);
		socket.on('need:updated', needUpdated);
		socket.on('offer:created', offerCreated);
		socket.on('offer:updated', offerUpdated);
		return () => {
			socket.off('connect', subscribe);
			socket.off('need:created', needCreated);
			socket.off('need:updated', needUpdated);
			socket.off('offer:created', offerCreated);
			socket.off('offer:updated', offerUpdated);
			socket.emit('board:unsubscribe', {});
		};
	}
}
