import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from '../auth/cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Cross-site request forgery guard, for forms and JSON alike (SvelteKit's own check covers
 * only form posts). A state-changing request that could ride on the browser's cookie, or that
 * a cross-site form could send, must come from our own origin. Calls with a well-formed bearer
 * token are exempt: a page on another site cannot attach our token, and such a call is never
 * authenticated by the cookie (see `credentials`).
 */
export function isForgeable(event: RequestEvent): boolean {
	const { request } = event;
	if (SAFE_METHODS.has(request.method)) return false;
	if (credentials(event).bearer) return false;
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
	const ridesOnCookie = event.cookies.get(SESSION_COOKIE) !== undefined;
	// Without the cookie only a page can be abused (a forged login form sets our cookie);
	// the API answers such a call with a token the forging site never sees.
	const formToPage = FORM_TYPES.includes(type) && !isApi(event.url.pathname);
	if (!ridesOnCookie && !formToPage) return false;
	return request.headers.get('origin') !== event.url.origin;
}

export function isApi(pathname: string) {
	return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * What a request authenticates with: a well-formed bearer token, else the cookie. A request
 * that says "Bearer" at all is never authenticated by the cookie, so a malformed header cannot
 * buy the CSRF exemption and still ride on the cookie.
 */
export function credentials(event: RequestEvent): { bearer?: string; cookie?: string } {
	const header = event.request.headers.get('authorization');
	const bearer = header?.match(/^Bearer (\S+)$/)?.[1];
	if (bearer) return { bearer };
	if (header && /^\s*bearer\b/i.test(header)) return {};
	return { cookie: event.cookies.get(SESSION_COOKIE) };
}
