/* eslint-disable @typescript-eslint/no-explicit-any -- socket payloads in tests are read loosely */
import { io, type Socket } from 'socket.io-client';

/** A real socket.io client; resolves once connected, rejects with the server's refusal. */
export function connectSocket(
	url: string,
	options: {
		token?: string;
		cookie?: string;
		origin?: string;
		transport?: 'websocket' | 'polling';
	} = {}
): Promise<Socket> {
	const extraHeaders: Record<string, string> = {};
	if (options.cookie) extraHeaders.cookie = options.cookie;
	if (options.origin) extraHeaders.origin = options.origin;
	const socket = io(url, {
		auth: options.token ? { token: options.token } : {},
		extraHeaders,
		transports: [options.transport ?? 'websocket'],
		reconnection: false,
		forceNew: true,
		// Generous: a busy machine (two cores, several suites) is slow, not refusing.
		timeout: 20_000
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			reject(error);
		});
	});
}

/** Sends an event and resolves with the server's acknowledgement (rejects after 5 s without). */
export function ask(socket: Socket, event: string, payload: unknown): Promise<any> {
	return socket.timeout(5000).emitWithAck(event, payload);
}

/** The next `event` whose payload satisfies `match`, within `ms`. */
export function nextEvent(
	socket: Socket,
	event: string,
	match: (payload: any) => boolean = () => true,
	ms = 5000
): Promise<any> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, on);
			reject(new Error(`no ${event} within ${ms} ms matching ${match}`));
		}, ms);
		const on = (payload: any) => {
			if (!match(payload)) return;
			clearTimeout(timer);
			socket.off(event, on);
			resolve(payload);
		};
		socket.on(event, on);
	});
}

/**
 * Every `event` the socket receives from now on, in order. "Nothing arrived" is proved with
 * `until`, never by sleeping: make the server send this socket something through the same path
 * after what must not arrive, then `until` waits for it and answers what came before it.
 */
export function recordEvents(socket: Socket, event: string) {
	const seen: any[] = [];
	const on = (payload: any) => seen.push(payload);
	socket.on(event, on);
	return {
		seen,
		/** Waits for the first payload satisfying `barrier`; resolves with those received before it. */
		async until(barrier: (payload: any) => boolean, ms = 5000): Promise<any[]> {
			const end = Date.now() + ms;
			for (;;) {
				const at = seen.findIndex(barrier);
				if (at >= 0) return seen.slice(0, at);
				const left = end - Date.now();
				if (left <= 0) throw new Error(`the barrier ${barrier} did not arrive within ${ms} ms`);
				await nextEvent(socket, event, () => true, left).catch(() => undefined);
			}
		},
		stop: () => socket.off(event, on)
	};
}

/** Resolves with the reason when the server disconnects the socket. */
export function nextDisconnect(socket: Socket, timeoutMs = 3000): Promise<string> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('socket was not disconnected')), timeoutMs);
		socket.once('disconnect', (reason) => {
			clearTimeout(timer);
			resolve(reason);
		});
	});
}
