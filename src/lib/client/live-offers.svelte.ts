import { m } from '$lib/paraglide/messages';
import type { OfferView } from '$lib/shared/views/offers';
import type { ClientSocket } from './realtime.svelte';

/** The filters of the offers' list that a live offer can be checked against in the browser. */
export interface OfferFilters {
	kind?: string;
	category?: string;
	territoryId?: string;
	/** Words are matched by the server's search: a list searched for words takes no newcomers. */
	q?: string;
}

/** Whether an offer that arrived live belongs on a list of open offers with these filters. */
export function fitsOffers(offer: OfferView, filters: OfferFilters): boolean {
	return (
		offer.status === 'open' &&
		(!filters.kind || offer.kind === filters.kind) &&
		(!filters.category || offer.category === filters.category) &&
		// Territories below the filtered one arrive on its board's room: the server chose them.
		(!filters.territoryId || offer.territoryId !== null)
	);
}

/**
 * The offers' list as the server gave it, then kept current by the socket: a new open offer that
 * fits comes in at the top, a changed one is updated in place, and one no longer open (paused,
 * full, closed) leaves. Each coming and going is said to screen readers in `announcement`.
 */
export class LiveOffers {
	items = $state.raw<OfferView[]>([]);
	announcement = $state('');
	readonly #filters: OfferFilters;

	constructor(items: OfferView[], filters: OfferFilters) {
		this.items = items;
		this.#filters = { ...filters };
	}

	connect(socket: ClientSocket): () => void {
		const filters = this.#filters;
		const subscribe = () => socket.emit('board:subscribe', { territoryId: filters.territoryId });
		const onCreated = ({ offer }: { offer: OfferView }) => {
			if (filters.q || !fitsOffers(offer, filters) || this.items.some((o) => o.id === offer.id))
				return;
			this.items = [offer, ...this.items];
			this.announcement = m.offers_new_live({ title: offer.title });
		};
		const onUpdated = ({ offer }: { offer: OfferView }) => {
			if (!this.items.some((o) => o.id === offer.id)) return;
			if (offer.status === 'open') {
				this.items = this.items.map((o) => (o.id === offer.id ? offer : o));
				return;
			}
			this.items = this.items.filter((o) => o.id !== offer.id);
			this.announcement = m.offers_left_live({ title: offer.title });
		};
		subscribe();
		socket.on('connect', subscribe);
		socket.on('offer:created', onCreated);
		socket.on('offer:updated', onUpdated);
		return () => {
			socket.off('connect', subscribe);
			socket.off('offer:created', onCreated);
			socket.off('offer:updated', onUpdated);
			socket.emit('board:unsubscribe', {});
		};
	}
}
