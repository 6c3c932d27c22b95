import type { Actor } from '../../src/lib/server/auth/actor';
import { listNotifications } from '../../src/lib/server/notifications/service';

/** Subscribers run after commit: waits until (at least) so many notifications of a kind arrived. */
export async function notified(actor: Actor, kind: string, atLeast = 1) {
	let found: Awaited<ReturnType<typeof listNotifications>>['items'] = [];
	for (let i = 0; i < 100; i++) {
		const { items } = await listNotifications(actor, { limit: 50 });
		found = items.filter((n) => n.kind === kind);
		if (found.length >= atLeast) return found;
		await new Promise((r) => setTimeout(r, 20));
	}
	return found;
}
