import type { Server, Socket } from 'socket.io';
import { subscribe } from '../events/bus';
import { log } from '../log';
import { fanOutNeed, handleBoardSubscriptions } from './board';
import { fanOutChannelEvents, handleChannelEvents } from './channels';
import { authenticateHandshake, type SocketData } from './handshake';
import { admitSocket } from './limits';
import { fanOutNeedPresence, handleNeedPresence } from './need-presence';
import { registerRealtimeApp, realtimeSlot } from './host.js';
import { mayRecover, recheckRecoveredRooms, type SavedSession } from './recovery';
import { rooms } from './rooms';

export type RealtimeServer = Server<
	Record<string, never>,
	Record<string, never>,
	Record<string, never>,
	SocketData
>;

/**
 * Serves the sockets of the host (server.js or the Vite plugin), if one is running, and fans
 * domain events out to rooms. Returns a function that stops it.
 */
export function startRealtime(): () => Promise<void> {
	const slot = realtimeSlot();
	const io = slot.io as RealtimeServer | undefined;
	if (!io) return async () => {};

	const unsubscribe = [
		subscribe('session.revoked', ({ sessionIds }) => {
			for (const id of sessionIds) io.in(rooms.session(id)).disconnectSockets(true);
		}),
		subscribe('need.created', ({ needId }) =>
			fanOutNeed(io as unknown as Server, needId, 'need:created')
		),
		subscribe('need.updated', ({ needId }) =>
			fanOutNeed(io as unknown as Server, needId, 'need:updated')
		),
		...fanOutChannelEvents(io as unknown as Server),
		...fanOutNeedPresence(io as unknown as Server),
		subscribe('notification.created', ({ userId, notification }) => {
			io.to(rooms.user(userId)).emit('notification:new' as never, { notification } as never);
		}),
		subscribe('notification.read', ({ userId, unread }) => {
			io.to(rooms.user(userId)).emit('notification:count' as never, { unread } as never);
		})
	];

	registerRealtimeApp({
		async authenticate(socket: Socket, next: (error?: Error) => void) {
			try {
				const result = await authenticateHandshake(socket);
				if (result instanceof Error) return next(result);
				const refused = await admitSocket(io as unknown as Server, socket, result.user.id);
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
		onConnection(socket: Socket<never, never, never, SocketData>) {
			const { user, session } = socket.data.auth;
			socket.join([rooms.user(user.id), rooms.session(session.id)]);
			if (socket.recovered)
				recheckRecoveredRooms(socket).catch((error) =>
					log.error('socket recovery recheck failed', { error })
				);
			handleBoardSubscriptions(socket);
			handleChannelEvents(io as unknown as Server, socket);
			handleNeedPresence(io as unknown as Server, socket);
		}
	});

	return async () => {
		for (const stop of unsubscribe) stop();
	};
}
