import { loadActor } from '../auth/actor';
import { subscribe } from '../events/bus';
import { roomPrefix, rooms } from '../events/rooms';
import { log } from '../log';
import { viewerOrganisation, visibleAmong } from '../needs/activities';
import { presenceAudience, presenceFor, type PresenceAudience } from '../needs/audience';
import type { NeedViewer } from '$lib/shared/presence';
import { glanceNeedsSchema, watchNeedSchema } from '$lib/shared/schemas/presence';
import { onEvent } from './handlers';
import { GLANCE_INTERVAL_MS, interval, throttle, WATCH_INTERVAL_MS } from './limits';
import type { RealtimeServer, RealtimeSocket } from './types';

// `need:<id>` holds the sockets with the need's page open (they count as looking);
// `need-glance:<id>` holds lists that show the need (they are told, and not counted).
// Only sockets that passed the view rule join either, so presence never reaches anyone else.
const WATCH = roomPrefix.needWatch;
const GLANCE = roomPrefix.needGlance;

/** A need's presence as the needs capability shapes it, and the sockets of its circle. */
interface ShapedPresence extends PresenceAudience {
	insiderSockets: string[];
}

/**
 * Who is looking at these needs (sockets in their rooms on every node, one entry per person),
 * shaped by the needs' audience: one `fetchSockets` and two queries, however many needs.
 */
async function presenceOf(io: RealtimeServer, needIds: string[]): Promise<ShapedPresence[]> {
	const sockets = await io
		.in([...needIds.map(rooms.needWatch), ...needIds.map(rooms.needGlance)])
		.fetchSockets();
	const viewersOf = new Map<string, NeedViewer[]>();
	for (const needId of needIds) {
		const viewers = new Map<string, NeedViewer>();
		for (const socket of sockets) {
			const { auth, watching } = socket.data;
			if (!socket.rooms.has(rooms.needWatch(needId)) || viewers.has(auth.user.id)) continue;
			viewers.set(auth.user.id, {
				userId: auth.user.id,
				name: auth.user.name,
				organisation: watching?.[needId] ?? null
			});
		}
		viewersOf.set(needId, [...viewers.values()]);
	}
	return (await presenceAudience(viewersOf)).map((audience) => {
		const { needId } = audience.named;
		const insiderSockets = sockets
			.filter(
				(s) =>
					(s.rooms.has(rooms.needWatch(needId)) || s.rooms.has(rooms.needGlance(needId))) &&
					audience.insiders.has(s.data.auth.user.id)
			)
			.map((s) => s.id);
		return { ...audience, insiderSockets };
	});
}

const BATCH_MS = 150;
const MAX_NEEDS_PER_QUERY = 100;
const pending = new WeakMap<RealtimeServer, Set<string>>();

/**
 * Tells the rooms of these needs their presence, a moment later: a burst of joins, leaves and
 * activities within 150 ms costs one computation and one message per need.
 */
export function announcePresence(io: RealtimeServer, needIds: Iterable<string>) {
	let batch = pending.get(io);
	if (!batch) {
		const needs = new Set<string>();
		pending.set(io, (batch = needs));
		setTimeout(() => {
			pending.delete(io);
			broadcast(io, [...needs]).catch((error) => log.error('need presence failed', { error }));
		}, BATCH_MS).unref();
	}
	for (const id of needIds) batch.add(id);
}

async function broadcast(io: RealtimeServer, needIds: string[]) {
	for (let i = 0; i < needIds.length; i += MAX_NEEDS_PER_QUERY) {
		for (const shaped of await presenceOf(io, needIds.slice(i, i + MAX_NEEDS_PER_QUERY))) {
			const { needId } = shaped.named;
			const audience = [rooms.needWatch(needId), rooms.needGlance(needId)];
			if (shaped.insiderSockets.length) {
				io.to(shaped.insiderSockets).emit('need:presence', shaped.named);
				io.to(audience).except(shaped.insiderSockets).emit('need:presence', shaped.anonymous);
			} else io.to(audience).emit('need:presence', shaped.anonymous);
		}
	}
}

const roomsOf = (socket: RealtimeSocket, prefix: string) =>
	[...socket.rooms].filter((r) => r.startsWith(prefix));

/** `need:watch`, `need:unwatch` and `needs:glance` of one socket. */
export function handleNeedPresence(io: RealtimeServer, socket: RealtimeSocket) {
	// Roles read at each event, not at the handshake: someone who just joined an organisation
	// sees its needs' presence without reconnecting.
	const actor = async () => (await loadActor(socket.data.auth.user))!;
	// Events run concurrently: a page left while its watch was still being checked must not be
	// joined after all, and of two glances the later one wins. Each change bumps a counter.
	const watchTurn = new Map<string, number>();
	const bump = (needId: string) => {
		const turn = (watchTurn.get(needId) ?? 0) + 1;
		watchTurn.set(needId, turn);
		return turn;
	};
	let glanceTurn = 0;
	let lastGlance = 0;
	// What a person's watching changes is told at most every few seconds per need (the last
	// change always gets through): a loop of watch and unwatch does not flood the room.
	const announceWatch = (needId: string) =>
		throttle(`${socket.data.auth.user.id}:${needId}`, interval(WATCH_INTERVAL_MS), () =>
			announcePresence(io, [needId])
		);

	onEvent(socket, 'need:watch', watchNeedSchema, async ({ needId }) => {
		const turn = bump(needId);
		const organisation = await viewerOrganisation(await actor(), needId);
		if (watchTurn.get(needId) !== turn) return { presence: null };
		// Before joining: other nodes read it from the socket's data when they list viewers.
		socket.data.watching = { ...socket.data.watching, [needId]: organisation };
		socket.join(rooms.needWatch(needId));
		announceWatch(needId);
		const [shaped] = await presenceOf(io, [needId]);
		return { presence: presenceFor(shaped, socket.data.auth.user.id) };
	});
	onEvent(socket, 'need:unwatch', watchNeedSchema, async ({ needId }) => {
		bump(needId);
		if (!socket.rooms.has(rooms.needWatch(needId))) return {};
		watchTurn.delete(needId);
		socket.leave(rooms.needWatch(needId));
		delete socket.data.watching?.[needId];
		announceWatch(needId);
		return {};
	});
	onEvent(socket, 'needs:glance', glanceNeedsSchema, async ({ needIds }) => {
		const turn = ++glanceTurn;
		// Worked out at most every few seconds per socket: glances in between wait, and only the
		// latest of them is worked out (the others answer nothing, as when superseded).
		const wait = lastGlance + interval(GLANCE_INTERVAL_MS) - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		if (turn !== glanceTurn) return { presence: [] };
		lastGlance = Date.now();
		const visible = await visibleAmong(await actor(), [...new Set(needIds)]);
		if (turn !== glanceTurn) return { presence: [] };
		for (const room of roomsOf(socket, GLANCE)) socket.leave(room);
		socket.join(visible.map(rooms.needGlance));
		const shaped = visible.length ? await presenceOf(io, visible) : [];
		const presence = shaped.map((s) => presenceFor(s, socket.data.auth.user.id));
		// Only needs with someone on them: a board of quiet needs gets an empty list.
		return { presence: presence.filter((p) => p.viewerCount || p.activities.length) };
	});
	socket.on('disconnecting', () => {
		// The batch runs after the socket has left its rooms, so it is no longer counted.
		const watched = roomsOf(socket, WATCH).map((room) => room.slice(WATCH.length));
		if (watched.length) announcePresence(io, watched);
	});
}

/** Activities started, extended or stopped, and needs that closed, change what rooms show. */
export function fanOutNeedPresence(io: RealtimeServer) {
	return [
		subscribe('need.activity', ({ needId }) => announcePresence(io, [needId])),
		subscribe('need.updated', ({ needId }) => announcePresence(io, [needId])),
		// Someone left an organisation: their sockets (on every node) leave the rooms of the
		// organisation-only needs they may no longer see, and the others stop seeing them there.
		subscribe('membership.changed', async ({ userId }) => {
			const sockets = await io.in(rooms.user(userId)).fetchSockets();
			const needIds = new Set<string>();
			for (const socket of sockets)
				for (const room of socket.rooms)
					if (room.startsWith(WATCH)) needIds.add(room.slice(WATCH.length));
					else if (room.startsWith(GLANCE)) needIds.add(room.slice(GLANCE.length));
			if (!needIds.size) return;
			const actor = (await loadActor(sockets[0].data.auth.user))!;
			const visible = new Set(await visibleAmong(actor, [...needIds]));
			const hidden = [...needIds].filter((id) => !visible.has(id));
			if (!hidden.length) return;
			io.in(rooms.user(userId)).socketsLeave([
				...hidden.map(rooms.needWatch),
				...hidden.map(rooms.needGlance)
			]);
			announcePresence(io, hidden);
		})
	];
}
