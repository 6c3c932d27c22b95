import { m } from '$lib/paraglide/messages';
import type { NeedSummaryView } from '$lib/shared/need-summary';
import type { NeedView } from '$lib/shared/views/needs';
import { applyNeedEvent, type BoardFilters } from './live-needs';
import type { ClientSocket } from './realtime.svelte';

/**
 * The board's list as the server gave it, then kept current by the socket: a need posted that
 * fits the filters comes in at the top, a changed one is updated in place, and one that no longer
 * fits leaves. Each coming and going is said to screen readers in `announcement`.
 */
export class LiveBoard {
	items = $state.raw<NeedSummaryView[]>([]);
	announcement = $state('');
	readonly #filters: BoardFilters;

	constructor(items: NeedSummaryView[], filters: BoardFilters) {
		this.items = items;
		this.#filters = { ...filters };
	}

	/** Follows the board (of the filtered territory) on `socket` until the returned function. */
	connect(socket: ClientSocket): () => void {
		const filters = this.#filters;
		const subscribe = () => socket.emit('board:subscribe', { territoryId: filters.territoryId });
		const onCreated = ({ need }: { need: NeedView }) => {
			const before = this.items.length;
			this.items = applyNeedEvent(this.items, need, filters, true);
			if (this.items.length > before) this.announcement = m.board_new_need({ title: need.title });
		};
		const onUpdated = ({ need }: { need: NeedView }) => {
			const before = this.items.length;
			this.items = applyNeedEvent(this.items, need, filters, false);
			if (this.items.length < before) this.announcement = m.board_need_left({ title: need.title });
		};
		subscribe();
		socket.on('connect', subscribe);
		socket.on('need:created', onCreated);
		socket.on('need:updated', onUpdated);
		return () => {
			socket.off('connect', subscribe);
			socket.off('need:created', onCreated);
			socket.off('need:updated', onUpdated);
			socket.emit('board:unsubscribe', {});
		};
	}
}
