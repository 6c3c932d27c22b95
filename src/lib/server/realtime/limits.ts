import { config } from '../config';
import { log } from '../log';
import { rooms } from '../events/rooms';
import type { RealtimeServer, RealtimeSocket } from './types';

const disabled = () => config().rateLimits.disabled;

/** Handshakes of one person on this node, one at a time: two at once cannot both take the last place. */
const admitting = new Map<string, Promise<unknown>>();
/** This node's sockets per person, counted from the handshake (before they join the person's room). */
const admitted = new Map<string, Set<string>>();

const REMOTE_COUNT_TIMEOUT_MS = 1000;

/** The ids of a person's sockets on every node; this node's alone if the others do not answer soon. */
async function socketIdsOf(io: RealtimeServer, userId: string): Promise<string[]> {
	let timer: Parameters<typeof clearTimeout>[0];
	const timeout = new Promise<undefined>((resolve) => {
		timer = setTimeout(resolve, REMOTE_COUNT_TIMEOUT_MS);
	});
	try {
		const sockets = await Promise.race([io.in(rooms.user(userId)).fetchSockets(), timeout]);
		return sockets?.map((s) => s.id) ?? [];
	} catch (error) {
		log.warn('socket count across nodes failed', { error });
		return [];
	} finally {
		clearTimeout(timer);
	}
}

/**
 * At most `SOCKETS_PER_PERSON` open sockets per person, on all nodes together: the next handshake
 * is refused with `too_many_connections`, which the client reads as the error's message. Two
 * nodes admitting the same person in the same instant may let one more through.
 */
export async function admitSocket(io: RealtimeServer, socket: RealtimeSocket, userId: string) {
	if (disabled()) return undefined;
	const before = admitting.get(userId) ?? Promise.resolve();
	const turn = before.then(async () => {
		const mine = admitted.get(userId) ?? new Set<string>();
		const everywhere = new Set([...mine, ...(await socketIdsOf(io, userId))]);
		if (everywhere.size >= config().rateLimits.socketsPerPerson)
			return new Error('too_many_connections');
		mine.add(socket.id);
		admitted.set(userId, mine);
		// A socket that never finishes connecting still ends with its transport.
		const forget = () => {
			mine.delete(socket.id);
			if (!mine.size && admitted.get(userId) === mine) admitted.delete(userId);
		};
		socket.once('disconnect', forget);
		socket.conn.once('close', forget);
		return undefined;
	});
	const settled = turn.catch(() => undefined);
	admitting.set(userId, settled);
	settled.then(() => {
		if (admitting.get(userId) === settled) admitting.delete(userId);
	});
	return turn;
}

const budgets = new WeakMap<RealtimeSocket, { tokens: number; at: number }>();

/**
 * Whether a socket may send one more event: a bucket of twice `SOCKET_EVENTS_PER_SECOND`,
 * refilled at that rate. A socket lives on one node, so its bucket does too.
 */
export function spendEvent(socket: RealtimeSocket): boolean {
	if (disabled()) return true;
	const rate = config().rateLimits.socketEventsPerSecond;
	const at = Date.now();
	const budget = budgets.get(socket) ?? { tokens: rate * 2, at };
	budget.tokens = Math.min(rate * 2, budget.tokens + ((at - budget.at) / 1000) * rate);
	budget.at = at;
	budgets.set(socket, budget);
	if (budget.tokens < 1) return false;
	budget.tokens -= 1;
	return true;
}

/** A person's typing is relayed at most once this often per channel. */
export const TYPING_INTERVAL_MS = 3000;
/** A socket's glances are worked out at most once this often; the latest one in between wins. */
export const GLANCE_INTERVAL_MS = 2000;
/** What one person's watching does to a need's presence is told at most once this often. */
export const WATCH_INTERVAL_MS = 3000;

export const interval = (ms: number) => (disabled() ? 0 : ms);

const MAX_TRAILING = 50_000;
const trailing = new Map<string, { last: number; timer?: ReturnType<typeof setTimeout> }>();

/** Forgets what is over, then the oldest, down to nine tenths: bounded, and rarely swept. */
function makeRoom(at: number, ms: number) {
	for (const [k, e] of trailing) if (!e.timer && at - e.last >= ms) trailing.delete(k);
	for (const [k, e] of trailing) {
		if (trailing.size < MAX_TRAILING * 0.9) break;
		clearTimeout(e.timer);
		trailing.delete(k);
	}
}

/**
 * Runs `run` now, or once at the end of the interval if it ran less than `ms` ago (whatever
 * number of calls came in between): the last state always gets through, the burst does not.
 */
export function throttle(key: string, ms: number, run: () => void) {
	const at = Date.now();
	const entry = trailing.get(key);
	if (!entry || at - entry.last >= ms) {
		if (!entry && trailing.size >= MAX_TRAILING) makeRoom(at, ms);
		trailing.set(key, { last: at });
		run();
		return;
	}
	if (entry.timer) return;
	entry.timer = setTimeout(
		() => {
			trailing.set(key, { last: Date.now() });
			run();
		},
		ms - (at - entry.last)
	);
}
