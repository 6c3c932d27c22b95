import type { Server, Socket } from 'socket.io';
import { loadActor } from '../auth/actor';
import { channelsOfOrganisation, isMember, lastSeqOf } from '../channels/service';
import { markRead, sendMessage } from '../channels/messages';
import { DomainError } from '../errors';
import { subscribe } from '../events/bus';
import {
	channelRefSchema,
	presenceSchema,
	socketReadSchema,
	socketSendSchema
} from '$lib/shared/schemas/channels';
import type { SocketData } from './handshake';
import { onEvent } from './handlers';

export const channelRoom = (id: string) => `channel:${id}`;
const userRoom = (id: string) => `user:${id}`;

type Presence = 'online' | 'away' | 'offline';
type AppSocket = Socket<never, never, never, SocketData & { away?: boolean }>;

/** A person's presence across every node: online if any socket is active, away if all are idle. */
async function presenceOf(io: Server, userId: string): Promise<Presence> {
	const sockets = await io.in(userRoom(userId)).fetchSockets();
	if (!sockets.length) return 'offline';
	return sockets.some((s) => !(s.data as { away?: boolean }).away) ? 'online' : 'away';
}

/** Who is in a channel right now (on any node), by the sockets that joined it. */
async function presenceIn(io: Server, channelId: string) {
	const sockets = await io.in(channelRoom(channelId)).fetchSockets();
	const byUser: Record<string, Presence> = {};
	for (const s of sockets) {
		const data = s.data as SocketData & { away?: boolean };
		const id = data.auth.user.id;
		if (byUser[id] !== 'online') byUser[id] = data.away ? 'away' : 'online';
	}
	return byUser;
}

function announce(io: Server, rooms: string[], userId: string, status: Presence) {
	if (rooms.length) io.to(rooms).emit('presence', { userId, status });
}

const joinedChannels = (socket: AppSocket) =>
	[...socket.rooms].filter((r) => r.startsWith('channel:'));

/**
 * Channel events of one socket. Membership is checked at every event (a removed member is
 * refused at once), not only at join.
 */
export function handleChannelEvents(io: Server, socket: AppSocket) {
	const user = socket.data.auth.user;
	const actor = () => loadActor(user);

	onEvent(socket, 'channel:join', channelRefSchema, async ({ channelId }) => {
		if (!(await isMember(user.id, channelId))) throw new DomainError('not_found');
		socket.join(channelRoom(channelId));
		const lastSeq = await lastSeqOf(channelId);
		announce(io, [channelRoom(channelId)], user.id, socket.data.away ? 'away' : 'online');
		return { lastSeq, presence: await presenceIn(io, channelId) };
	});
	onEvent(socket, 'channel:leave', channelRefSchema, async ({ channelId }) => {
		socket.leave(channelRoom(channelId));
		return {};
	});
	onEvent(socket, 'message:send', socketSendSchema, async ({ channelId, ...input }) => {
		const { message } = await sendMessage(await actor(), channelId, input);
		return { message };
	});
	onEvent(socket, 'channel:read', socketReadSchema, async ({ channelId, seq }) =>
		markRead(await actor(), channelId, seq)
	);
	onEvent(socket, 'typing', channelRefSchema, async ({ channelId }) => {
		const room = channelRoom(channelId);
		if (!socket.rooms.has(room)) throw new DomainError('not_found');
		(socket as unknown as Socket)
			.to(room)
			.emit('typing', { channelId, userId: user.id, name: user.name });
		return {};
	});
	onEvent(socket, 'presence:set', presenceSchema, async ({ status }) => {
		socket.data.away = status === 'away';
		announce(io, joinedChannels(socket), user.id, await presenceOf(io, user.id));
		return {};
	});
	socket.on('disconnecting', () => {
		const rooms = joinedChannels(socket);
		// After the socket is gone: the person may still be here on another tab or node.
		setTimeout(() => {
			presenceOf(io, user.id)
				.then((status) => announce(io, rooms, user.id, status))
				.catch(() => {});
		}, 0);
	});
}

/** Domain events of channels, fanned out to the sockets of those they concern. */
export function fanOutChannelEvents(io: Server) {
	return [
		subscribe('message.stored', ({ message, change }) => {
			io.to(channelRoom(message.channelId)).emit(
				change === 'new' ? 'message:new' : 'message:updated',
				{ message }
			);
		}),
		subscribe('message.mentioned', ({ message, channelName, userIds }) => {
			io.to(userIds.map(userRoom)).emit('mention:new', { message, channelName });
		}),
		subscribe('channel.joined', ({ channelId, userId }) => {
			io.to(userRoom(userId)).emit('channel:added', { channelId });
		}),
		subscribe('channel.read', ({ channelId, userId, seq }) => {
			io.to(userRoom(userId)).emit('channel:read', { channelId, seq });
		}),
		subscribe('channel.left', async ({ channelId, userId }) => {
			// Still a member through their organisation? Then nothing changes for them.
			if (await isMember(userId, channelId)) return;
			io.in(userRoom(userId)).socketsLeave(channelRoom(channelId));
			io.to(userRoom(userId)).emit('channel:removed', { channelId });
		}),
		subscribe('membership.changed', async ({ organisationId, userId }) => {
			for (const channelId of await channelsOfOrganisation(organisationId)) {
				if (await isMember(userId, channelId)) continue;
				io.in(userRoom(userId)).socketsLeave(channelRoom(channelId));
				io.to(userRoom(userId)).emit('channel:removed', { channelId });
			}
		})
	];
}
