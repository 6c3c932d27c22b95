import { invalidateAll } from '$app/navigation';
import { useRealtime } from './realtime.svelte';

/** A busy vote changes a consultation many times a second: a page reloads at most this often. */
const RELOAD_EVERY_MS = 1500;

/**
 * Follows a consultation live from one of its pages: when anyone proposes, supports, votes or
 * the phase moves, the page reloads what it shows with this person's own rights (changes that
 * come together make one reload). Call it while the component starts.
 */
export function followConsultation(consultationId: () => string) {
	const realtime = useRealtime();
	$effect(() => {
		const socket = realtime()?.socket;
		const id = consultationId();
		if (!socket) return;
		const watch = () => socket.emit('consultation:watch', { consultationId: id });
		let pending: ReturnType<typeof setTimeout> | undefined;
		const changed = (event: { consultationId: string }) => {
			if (event.consultationId !== id || pending) return;
			pending = setTimeout(() => {
				pending = undefined;
				void invalidateAll();
			}, RELOAD_EVERY_MS);
		};
		watch();
		socket.on('connect', watch);
		socket.on('consultation:changed', changed);
		return () => {
			clearTimeout(pending);
			socket.off('connect', watch);
			socket.off('consultation:changed', changed);
			socket.emit('consultation:unwatch', { consultationId: id });
		};
	});
}
