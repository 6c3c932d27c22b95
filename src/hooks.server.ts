import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { actorFrom } from '$lib/server/auth/actor';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookie';
import { validateSessionToken } from '$lib/server/auth/sessions';
import { startApp, stopApp } from '$lib/server/app';
import { apiError, MAX_BODY_BYTES } from '$lib/server/http/api';
import { knowActor } from '$lib/server/http/context';
import { credentials, isApi, isForgeable } from '$lib/server/http/guards';
import { log } from '$lib/server/log';
import { getNetwork } from '$lib/server/network/service';
import { m } from '$lib/paraglide/messages';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';

export const init: ServerInit = async () => {
	await startApp();
	// The host (server.js) stops the app after the last request, on SIGTERM.
	(globalThis as Record<symbol, unknown>)[Symbol.for('rete.app')] = { stop: stopApp };
};

const guardRequest: Handle = async ({ event, resolve }) => {
	const api = isApi(event.url.pathname);
	if (Number(event.request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
		return api ? apiError('too_large') : new Response(m.error_too_large(), { status: 413 });
	}
	if (isForgeable(event)) {
		return api ? apiError('forbidden') : new Response(m.error_forbidden_origin(), { status: 403 });
	}
	return resolve(event);
};

const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.authVia = null;
	event.locals.unreadNotifications = 0;
	const { bearer, cookie } = credentials(event);
	const token = bearer ?? cookie;
	if (token) {
		const found = await validateSessionToken(token);
		if (found) {
			event.locals.user = found.user;
			event.locals.session = found.session;
			event.locals.authVia = bearer ? 'bearer' : 'cookie';
			event.locals.unreadNotifications = found.unreadNotifications;
			knowActor(event.locals, actorFrom(found.user, found.standing));
			// Sliding expiry: the cookie follows the session's new end.
			if (!bearer)
				event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(found.session.expiresAt));
		} else if (!bearer) {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/** Until the network is set up, every page leads to the set-up page; afterwards it is gone. */
const firstRun: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (isApi(path) || path === '/healthz') return resolve(event);
	const network = await getNetwork();
	if (!network && path !== '/setup') redirect(303, '/setup');
	if (network && path === '/setup') redirect(303, '/');
	return resolve(event);
};

// Asked once per language: the answer never changes, and Intl is slow to ask on every page.
const directions = new Map<string, string>();
const directionOf = (locale: string) => {
	let direction = directions.get(locale);
	if (!direction) directions.set(locale, (direction = getTextDirection(locale as never)));
	return direction;
};

const localise: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', directionOf(locale))
		});
	});

/** Answers in the API's error format (docs/api.md) what SvelteKit answers in text. */
const apiShape: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!isApi(event.url.pathname) || response.status !== 405) return response;
	if (response.headers.get('content-type')?.includes('application/json')) return response;
	return apiError('method_not_allowed', {
		headers: { allow: response.headers.get('allow') ?? '' }
	});
};

/**
 * Headers every answer carries: no framing, no sniffing, no address leaking to other sites, and
 * nothing built for a request kept by a cache (pages and API answers may carry personal data;
 * the build's static files are served before hooks and keep their caching).
 */
const secureHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const set = (name: string, value: string) => {
		// A redirect thrown from a hook, or a fetched response, may be immutable.
		try {
			response.headers.set(name, value);
		} catch {
			// left as it is
		}
	};
	set('x-content-type-options', 'nosniff');
	set('referrer-policy', 'same-origin');
	set('x-frame-options', 'DENY');
	if (!response.headers.has('cache-control')) set('cache-control', 'no-store');
	const csp = response.headers.get('content-security-policy');
	if (csp) {
		// Older browsers do not count ws(s) to our own host as 'self': the socket needs it named.
		const host = event.url.host;
		set(
			'content-security-policy',
			csp.replace("connect-src 'self'", `connect-src 'self' ws://${host} wss://${host}`)
		);
	} else if (isApi(event.url.pathname)) {
		set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	}
	return response;
};

const logRequest: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	log.debug('request', {
		method: event.request.method,
		route: event.route.id,
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};

export const handle = sequence(
	logRequest,
	secureHeaders,
	guardRequest,
	authenticate,
	localise,
	firstRun,
	apiShape
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	// A 4xx here is the client's (an undecodable path, a wrong method): not our error.
	if (status >= 500) log.error('unhandled error', { route: event.route.id, status, error });
	return { message: status === 404 ? m.error_not_found() : m.error_internal() };
};
