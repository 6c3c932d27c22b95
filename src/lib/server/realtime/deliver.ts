import type { Delivery } from '../events/rooms';
import type { ServerToClientEvents } from '$lib/shared/realtime';
import type { RealtimeServer } from './types';

/** Emits what a capability's audience decided: each payload to its rooms, and nothing else. */
export function deliver<
	E extends 'need:created' | 'need:updated' | 'offer:created' | 'offer:updated'
>(io: RealtimeServer, event: E, deliveries: Delivery<Parameters<ServerToClientEvents[E]>[0]>[]) {
	for (const { rooms, except, payload } of deliveries) {
		if (!rooms.length) continue;
		const target = except?.length ? io.to(rooms).except(except) : io.to(rooms);
		// The payload is the event's own (typed above); emit's overloads cannot follow a union.
		(target.emit as (event: string, payload: unknown) => boolean)(event, payload);
	}
}
