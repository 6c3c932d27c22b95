import { maySeeAction } from '../actions/for-realtime';
import { loadActor } from '../auth/actor';
import { DomainError } from '../errors';
import { subscribe } from '../events/bus';
import { rooms } from '../events/rooms';
import { actionRefSchema } from '$lib/shared/schemas/actions';
import { onEvent } from './handlers';
import type { RealtimeServer, RealtimeSocket } from './types';

/** `action:watch` / `action:unwatch`: a page open on an action, for those who may see it. */
export function handleActionEvents(socket: RealtimeSocket) {
	onEvent(socket, 'action:watch', actionRefSchema, async ({ actionId }) => {
		if (!(await maySeeAction(await loadActor(socket.data.auth.user), actionId)))
			throw new DomainError('not_found');
		socket.join(rooms.action(actionId));
		return {};
	});
	onEvent(socket, 'action:unwatch', actionRefSchema, async ({ actionId }) => {
		socket.leave(rooms.action(actionId));
		return {};
	});
}

/**
 * Pages open on an action hear that it changed, nothing more: each reloads it through its own
 * load, with its own rights (the checklist only for those taking part).
 */
export function fanOutActionEvents(io: RealtimeServer) {
	const changed = ({ actionId }: { actionId: string }) => {
		io.to(rooms.action(actionId)).emit('action:changed', { actionId });
	};
	return [
		subscribe('action.updated', changed),
		subscribe('action.task_changed', changed),
		subscribe('session.changed', changed)
	];
}
