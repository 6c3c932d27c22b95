import { actorFrom } from '../auth/actor';
import { channelsOfOrganisation, isMember, lastSeqOf } from '../channels/service';
import { markRead, sendMessage } from '../channels/messages';
import { DomainError } from '../errors';
import { subscribe } from '../events/bus';
import { limit } from '../limits';
import {
	channelRefSchema,
	presenceSchema,
	socketReadSchema,
	socketSendSchema
} from '$lib/shared/schemas/channels';
import type { Presence } from '$lib/shared/views/channels';
import { roomPrefix, rooms } from '../events/rooms';
import { onEvent } from './handlers';
import { TYPING_INTERVAL_MS } from './limits';
import type { RealtimeServer, RealtimeSocket } from './types';

const channelRoom = rooms.channel;
const userRoom = rooms.user;

/** A person's presence across every node: online if any socket is active, away if all are idle. */
async function presenceOf(io: RealtimeServer, userId: string): Promise<Presence> {
	const sockets = await io.in(userRoom(userId)).fetchSockets();
	if (!sockets.length) return 'offline';
	return sockets.some((s) => !s.data.away) ? 'online' : 'away';
}

/**
 * Who is in a channel right now (on any node), by the sockets that joined it. Asked once a second
 * at most per channel: when hundreds open a channel together they share one answer, and the
 * batched `presence` events bring each up to date.
 */
const presenceCache = new Map<
	string,
	{ until: number; value: Promise<Record<string, Presence>> }
>();
function presenceIn(io: RealtimeServer, channelId: string) {
	const hit = presenceCache.get(channelId);
	if (hit && hit.until > Date.now()) return hit.value;
	const value = io
		.in(channelRoom(channelId))
		.fetchSockets()
		.then((sockets) => {
			const byUser: Record<string, Presence> = {};
			for (const s of sockets) {
				const id = s.data.auth.user.id;
				if (byUser[id] !== 'online') byUser[id] = s.data.away ? 'away' : 'online';
			}
			return byUser;
		});
	if (presenceCache.size > 10_000) presenceCache.clear();
	presenceCache.set(channelId, { until: Date.now() + 1000, value });
	return value;
}

const PRESENCE_BATCH_MS = 200;
const pendingPresence = new WeakMap<RealtimeServer, Map<string, Map<string, Presence>>>();

/**
 * Tells a channel's sockets who came, went or stepped away, in batches: when a thousand people
 * open the same channel at once, each socket gets a few messages, not a thousand.
 */
function announce(io: RealtimeServer, rooms: string[], userId: string, status: Presence) {
	if (!rooms.length) return;
	let pending = pendingPresence.get(io);
	if (!pending) {
		const batch = new Map<string, Map<string, Presence>>();
		pendingPresence.set(io, (pending = batch));
		setTimeout(() => {
			pendingPresence.delete(io);
			for (const [room, changes] of batch)
				io.to(room).emit('presence', {
					changes: [...changes].map(([id, s]) => ({ userId: id, status: s }))
				});
		}, PRESENCE_BATCH_MS);
	}
	for (const room of rooms) {
		if (!pending.has(room)) pending.set(room, new Map());
		pending.get(room)!.set(userId, status);
	}
}

const joinedChannels = (socket: RealtimeSocket) =>
	[...socket.rooms].filter((r) => r.startsWith(roomPrefix.channel));

/**
 * Channel events of one socket. Membership is checked at every event (a removed member is
 * refused at once), not only at join.
 */
export function handleChannelEvents(io: RealtimeServer, socket: RealtimeSocket) {
	const user = socket.data.auth.user;
	// Roles as of the handshake: enough, since channel membership itself is read from the
	// database at every event (see `loadChannel`).
	const actor = async () => actorFrom(user, socket.data.auth.standing);

	onEvent(socket, 'channel:join', channelRefSchema, async ({ channelId }) => {
		if (!(await isMember(user.id, channelId))) throw new DomainError('not_found');
		socket.join(channelRoom(channelId));
		const lastSeq = await lastSeqOf(channelId);
		const status: Presence = socket.data.away ? 'away' : 'online';
		announce(io, [channelRoom(channelId)], user.id, status);
		// The joiner is here, whatever a shared answer from a moment ago says.
		return { lastSeq, presence: { ...(await presenceIn(io, channelId)), [user.id]: status } };
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
		// One relay per person and channel every few seconds, on all nodes; the excess is
		// dropped with an ok answer (the others already see them typing).
		const rule = { limit: 1, windowMs: TYPING_INTERVAL_MS };
		if (!(await limit(`typing:${user.id}:${channelId}`, rule)).allowed) return {};
		socket.to(room).emit('typing', { channelId, userId: user.id, name: user.name });
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
export function fanOutChannelEvents(io: RealtimeServer) {
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
