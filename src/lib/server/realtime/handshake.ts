import type { Socket } from 'socket.io';
import { validateSessionToken, type SessionWithUser } from '../auth/sessions';
import { SESSION_COOKIE } from '../auth/cookie';
import { config } from '../config';

function cookieValue(header: string | undefined, name: string): string | undefined {
	for (const part of header?.split(';') ?? []) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return undefined;
}

/**
 * Who is connecting: a session from `auth.token` or the session cookie, or an error whose
 * message the client reads (`unauthenticated`, `forbidden_origin`).
 * A browser always sends Origin on a websocket; a cross-site page must never ride on our cookie.
 */
export async function authenticateHandshake(socket: Socket): Promise<SessionWithUser | Error> {
	const { headers, auth } = socket.handshake;
	const origin = headers.origin;
	if (origin && origin !== config().origin) return new Error('forbidden_origin');
	const explicit = typeof auth?.token === 'string' ? auth.token : undefined;
	const cookie = cookieValue(headers.cookie, SESSION_COOKIE);
	if (!explicit && cookie) {
		// Cookie-borne and no Origin: only a same-origin fetch of the polling transport.
		const site = headers['sec-fetch-site'];
		if (!origin && site && site !== 'same-origin') return new Error('forbidden_origin');
	}
	const token = explicit ?? cookie;
	const session = token ? await validateSessionToken(token) : null;
	return session ?? new Error('unauthenticated');
}
