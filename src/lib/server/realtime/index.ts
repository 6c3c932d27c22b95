import { subscribe } from '../events/bus';
import { rooms } from '../events/rooms';
import { log } from '../log';
import { needAudience } from '../needs/audience';
import { offerAudience } from '../offers/audience';
import { unreadCount } from '../notifications/service';
import { fanOutActionEvents, handleActionEvents } from './actions';
import { fanOutConsultationEvents, handleConsultationEvents } from './consultations';
import { handleBoardSubscriptions } from './board';
import { fanOutChannelEvents, handleChannelEvents } from './channels';
import { deliver } from './deliver';
import { authenticateHandshake } from './handshake';
import { admitSocket } from './limits';
import { fanOutNeedPresence, handleNeedPresence } from './need-presence';
import { registerRealtimeApp, realtimeSlot } from './host.js';
import { mayRecover, recheckRecoveredRooms, type SavedSession } from './recovery';
import type { RealtimeServer, RealtimeSocket } from './types';

export type { RealtimeServer };

/**
 * Serves the sockets of the host (server.js or the Vite plugin), if one is running, and fans
 * domain events out to rooms. Returns a function that stops it.
 */
export function startRealtime(): () => Promise<void> {
	const slot = realtimeSlot();
	// The host creates the server untyped (plain JavaScript); this is where it gets its contract.
	const io = slot.io as RealtimeServer | undefined;
	if (!io) return async () => {};

	const unsubscribe = [
		subscribe('session.revoked', ({ sessionIds }) => {
			for (const id of sessionIds) io.in(rooms.session(id)).disconnectSockets(true);
		}),
		subscribe('need.created', async ({ needId }) =>
			deliver(io, 'need:created', await needAudience(needId))
		),
		subscribe('need.updated', async ({ needId }) =>
			deliver(io, 'need:updated', await needAudience(needId))
		),
		subscribe('offer.created', async ({ offerId }) =>
			deliver(io, 'offer:created', await offerAudience(offerId))
		),
		subscribe('offer.updated', async ({ offerId }) =>
			deliver(io, 'offer:updated', await offerAudience(offerId))
		),
		...fanOutChannelEvents(io),
		...fanOutNeedPresence(io),
		...fanOutActionEvents(io),
		...fanOutConsultationEvents(io),
		subscribe('notification.created', ({ userId, notification }) => {
			io.to(rooms.user(userId)).emit('notification:new', { notification });
		}),
		subscribe('notification.read', ({ userId, unread }) => {
			io.to(rooms.user(userId)).emit('notification:count', { unread });
		})
	];

	registerRealtimeApp({
		async authenticate(socket: RealtimeSocket, next: (error?: Error) => void) {
			try {
				const result = await authenticateHandshake(socket);
				if (result instanceof Error) return next(result);
				const refused = await admitSocket(io, socket, result.user.id);
				if (refused) return next(refused);
				socket.data.auth = result;
				next();
			} catch (error) {
				log.error('socket handshake failed', { error });
				next(new Error('unavailable'));
			}
		},
		async mayRecover(saved: SavedSession) {
			try {
				return await mayRecover(saved);
			} catch (error) {
				log.error('socket recovery check failed', { error });
				return false;
			}
		},
		onConnection(socket: RealtimeSocket) {
			const { user, session } = socket.data.auth;
			socket.join([rooms.user(user.id), rooms.session(session.id)]);
			if (socket.recovered)
				recheckRecoveredRooms(socket).catch((error) =>
					log.error('socket recovery recheck failed', { error })
				);
			// A notice that came between the page's load and this socket would otherwise show
			// only after a reload: the bell hears the count as it stands now.
			else
				unreadCount(user.id)
					.then((unread) => socket.emit('notification:count', { unread }))
					.catch((error) => log.warn('unread count on connect failed', { error }));
			handleBoardSubscriptions(socket);
			handleChannelEvents(io, socket);
			handleNeedPresence(io, socket);
			handleActionEvents(socket);
			handleConsultationEvents(socket);
		}
	});

	return async () => {
		for (const stop of unsubscribe) stop();
	};
}
