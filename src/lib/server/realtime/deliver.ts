import type { Delivery } from '../events/rooms';
import type { NeedView } from '$lib/shared/views/needs';
import type { RealtimeServer } from './types';

/** Emits what a capability's audience decided: each payload to its rooms, and nothing else. */
export function deliver(
	io: RealtimeServer,
	event: 'need:created' | 'need:updated',
	deliveries: Delivery<{ need: NeedView }>[]
) {
	for (const { rooms, except, payload } of deliveries) {
		if (!rooms.length) continue;
		const target = except?.length ? io.to(rooms).except(except) : io.to(rooms);
		target.emit(event, payload);
	}
}
