import { loadActor } from '../auth/actor';
import { maySeeConsultation } from '../consultations/for-realtime';
import { DomainError } from '../errors';
import { subscribe } from '../events/bus';
import { rooms } from '../events/rooms';
import { consultationRefSchema } from '$lib/shared/schemas/consultations';
import { onEvent } from './handlers';
import type { RealtimeServer, RealtimeSocket } from './types';

/** `consultation:watch` / `consultation:unwatch`: a consultation's page open, for those who may see it. */
export function handleConsultationEvents(socket: RealtimeSocket) {
	onEvent(socket, 'consultation:watch', consultationRefSchema, async ({ consultationId }) => {
		if (!(await maySeeConsultation(await loadActor(socket.data.auth.user), consultationId)))
			throw new DomainError('not_found');
		socket.join(rooms.consultation(consultationId));
		return {};
	});
	onEvent(socket, 'consultation:unwatch', consultationRefSchema, async ({ consultationId }) => {
		socket.leave(rooms.consultation(consultationId));
		return {};
	});
}

/**
 * Pages open on a consultation hear that it changed, nothing more: each reloads it through its
 * own load, with its own rights (a hidden proposal only for its coordinators, results only when
 * the poll shows them to this reader).
 */
export function fanOutConsultationEvents(io: RealtimeServer) {
	const changed = ({ consultationId }: { consultationId: string }) => {
		io.to(rooms.consultation(consultationId)).emit('consultation:changed', { consultationId });
	};
	return [
		subscribe('consultation.changed', changed),
		subscribe('consultation.phase_changed', changed)
	];
}
