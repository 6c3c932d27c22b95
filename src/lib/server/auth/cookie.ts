import { config } from '../config';

export const SESSION_COOKIE = 'rete_session';

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Cookie options for the session: Secure everywhere but on a localhost origin. */
export function sessionCookieOptions(expiresAt: Date) {
	const { hostname } = new URL(config().origin);
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: !localHosts.has(hostname),
		expires: expiresAt
	};
}
