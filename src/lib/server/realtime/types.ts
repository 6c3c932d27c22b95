import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/shared/realtime';
import type { SessionWithUser } from '../auth/sessions';

/** Nodes talk to each other only through the adapter's own messages. */
export type InterServerEvents = Record<string, never>;

/** What a socket carries, on its node and (through the adapter) to the others' `fetchSockets`. */
export interface SocketData {
	auth: SessionWithUser;
	/** Every tab of the person is idle (`presence:set`). */
	away?: boolean;
	/** How the person is shown on each need whose page they have open (their organisation there). */
	watching?: Record<string, string | null>;
}

export type RealtimeServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
export type RealtimeSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
