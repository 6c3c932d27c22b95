import type { ClientSocket } from './realtime.svelte';

/**
 * A need's page, following the need live: whoever changes it (a claim, a release, a completion),
 * the page loads it again with `reload`. The need's changes travel on the board's rooms, so one
 * subscription serves whichever need the page shows (`needId`, asked at each change).
 */
export class LiveNeed {
	constructor(
		readonly needId: () => string,
		readonly reload: () => Promise<unknown>
	) {}

	/** Follows the need on `socket`, again after every reconnect, until the returned function. */
	connect(socket: ClientSocket): () => void {
		const subscribe = () => socket.emit('board:subscribe', {});
		const onUpdated = ({ need }: { need: { id: string } }) => {
			if (need.id === this.needId()) void this.reload();
		};
		subscribe();
		socket.on('connect', subscribe);
		socket.on('need:updated', onUpdated);
		return () => {
			socket.off('connect', subscribe);
			socket.off('need:updated', onUpdated);
			socket.emit('board:unsubscribe', {});
		};
	}
}
