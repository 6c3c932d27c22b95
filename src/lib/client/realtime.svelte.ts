import { getContext, setContext } from 'svelte';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/shared/realtime';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** The browser's socket, typed both ways by the contract in `$lib/shared/realtime`. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The browser's one socket to Rete, authenticated by the session cookie. Created by the layout
 * when someone is signed in; pages subscribe to their events through it.
 */
export class RealtimeConnection {
	state = $state<ConnectionState>('connecting');
	readonly socket: ClientSocket;

	/** @param onSessionEnded called when the server cuts the socket because the session ended. */
	constructor(onSessionEnded: () => void) {
		this.socket = io({ withCredentials: true, transports: ['websocket', 'polling'] });
		this.socket.on('connect', () => (this.state = 'online'));
		this.socket.on('disconnect', (reason) => {
			this.state = 'offline';
			// The server only cuts a socket itself when its session was revoked (logout elsewhere).
			if (reason === 'io server disconnect') onSessionEnded();
		});
		this.socket.on('connect_error', (error) => {
			this.state = 'offline';
			if (error.message === 'unauthenticated') {
				this.socket.close();
				onSessionEnded();
			}
		});
	}

	close() {
		this.socket.close();
	}
}

const KEY = Symbol('realtime');

/** The layout shares its connection with the pages below it (null when signed out). */
export function provideRealtime(get: () => RealtimeConnection | null) {
	setContext(KEY, get);
}

export function useRealtime(): () => RealtimeConnection | null {
	return getContext<() => RealtimeConnection | null>(KEY) ?? (() => null);
}
