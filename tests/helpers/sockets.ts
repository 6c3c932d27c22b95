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
		timeout: 5000
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			reject(error);
		});
	});
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
