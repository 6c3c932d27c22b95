import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/cookie';
import { DEVICE_COOKIE } from '../auth/login-throttle';
import type { SignedIn } from '../auth/service';
import { cookieName as LANGUAGE_COOKIE } from '$lib/paraglide/runtime';

const YEAR_SECONDS = 365 * 86_400;

export function rememberLanguage(cookies: Cookies, locale: 'it' | 'en') {
	cookies.set(LANGUAGE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: YEAR_SECONDS
	});
}

/**
 * The browser side of signing in: the session cookie, the known-device cookie (it outlives
 * sessions and sign-outs: it only spares this browser the delays of failed logins elsewhere),
 * and the account's language.
 */
export function startBrowserSession(cookies: Cookies, signedIn: SignedIn) {
	cookies.set(SESSION_COOKIE, signedIn.token, sessionCookieOptions(signedIn.expiresAt));
	cookies.set(
		DEVICE_COOKIE,
		signedIn.deviceToken,
		sessionCookieOptions(new Date(Date.now() + YEAR_SECONDS * 1000))
	);
	rememberLanguage(cookies, signedIn.user.locale);
}

export function endBrowserSession(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
