import { and, eq, gt } from 'drizzle-orm';
import { loadActor } from '../auth/actor';
import { toPublicUser } from '../auth/sessions';
import { isMember } from '../channels/service';
import { now } from '../clock';
import { db } from '../db/client';
import { sessions, users } from '../db/schema';
import { log } from '../log';
import { maySeeAction } from '../actions/for-realtime';
import { visibleAmong } from '../needs/activities';
import { roomPrefix, rooms } from '../events/rooms';
import type { RealtimeSocket, SocketData } from './types';

/** What socket.io saved of a socket that dropped: its id, its rooms and its data. */
export interface SavedSession {
	sid: string;
	rooms: string[];
	data?: Partial<SocketData>;
}

const CHANNEL = roomPrefix.channel;
const NEED_ROOMS = [roomPrefix.needWatch, roomPrefix.needGlance];

/**
 * Which of these rooms the person may be in now, read from the database as the rooms' own
 * joins do (channel membership, the needs' and actions' view rules). Board rooms are public; the person's and
 * session's own rooms are theirs. Anything else (a room this code does not know) is left out.
 */
export async function roomsStillAllowed(
	userId: string,
	sessionId: string,
	sid: string,
	saved: Iterable<string>
): Promise<Set<string>> {
	const allowed = new Set<string>();
	const needIds = new Map<string, string[]>();
	const actionRooms: string[] = [];
	const checks: Promise<void>[] = [];
	for (const room of saved) {
		if (room === sid || room === rooms.user(userId) || room === rooms.session(sessionId))
			allowed.add(room);
		else if (room.startsWith(roomPrefix.board)) allowed.add(room);
		else if (room.startsWith(CHANNEL)) {
			const channelId = room.slice(CHANNEL.length);
			checks.push(
				isMember(userId, channelId).then((yes) => {
					if (yes) allowed.add(room);
				})
			);
		} else if (room.startsWith(roomPrefix.action)) {
			actionRooms.push(room);
		} else {
			const prefix = NEED_ROOMS.find((p) => room.startsWith(p));
			if (!prefix) continue;
			const needId = room.slice(prefix.length);
			needIds.set(needId, [...(needIds.get(needId) ?? []), room]);
		}
	}
	if (needIds.size || actionRooms.length) {
		const [row] = await db.select().from(users).where(eq(users.id, userId));
		const actor = row ? await loadActor(toPublicUser(row)) : null;
		if (actor) {
			for (const id of await visibleAmong(actor, [...needIds.keys()]))
				for (const room of needIds.get(id) ?? []) allowed.add(room);
			for (const room of actionRooms)
				if (await maySeeAction(actor, room.slice(roomPrefix.action.length))) allowed.add(room);
		}
	}
	await Promise.all(checks);
	return allowed;
}

/**
 * Whether a dropped socket may come back with its rooms and the packets it missed. socket.io
 * writes those packets the moment it restores the session, before any middleware or handler
 * runs (socket.io 4.8, `Socket` constructor), so the check must come first: the session must
 * still be signed in and every room still allowed. Otherwise the socket starts afresh and the
 * client joins its rooms again through the normal checks (docs/decisions/0005).
 */
export async function mayRecover(saved: SavedSession): Promise<boolean> {
	const auth = saved.data?.auth;
	const userId = auth?.user?.id;
	const sessionId = auth?.session?.id;
	if (typeof userId !== 'string' || typeof sessionId !== 'string') return false;
	const [alive] = await db
		.select({ id: sessions.id })
		.from(sessions)
		.where(
			and(eq(sessions.id, sessionId), eq(sessions.userId, userId), gt(sessions.expiresAt, now()))
		);
	if (!alive) return false;
	const allowed = await roomsStillAllowed(userId, sessionId, saved.sid, saved.rooms);
	const lost = saved.rooms.filter((room) => !allowed.has(room));
	if (lost.length) log.info('socket recovery refused', { rooms: lost.length });
	return lost.length === 0;
}

/**
 * A recovered socket, once connected: access may have changed while its middleware ran, so its
 * rooms are checked once more and those no longer allowed are left.
 */
export async function recheckRecoveredRooms(socket: RealtimeSocket) {
	const { user, session } = socket.data.auth;
	const allowed = await roomsStillAllowed(user.id, session.id, socket.id, socket.rooms);
	for (const room of [...socket.rooms]) if (!allowed.has(room)) socket.leave(room);
}
