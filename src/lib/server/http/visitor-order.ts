import { randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';

const ORDER_COOKIE = 'rete_order';
const YEAR_SECONDS = 365 * 86_400;

/**
 * The visitor's own random order of proposals: a seed kept in a cookie, so the list reads the
 * same each time they come back (and pages do not repeat or skip), while another visitor sees
 * another order. Set only when missing, so most answers carry no cookie.
 */
export function visitorSeed(cookies: Cookies): string {
	const kept = cookies.get(ORDER_COOKIE);
	if (kept && /^[\w-]{8,64}$/.test(kept)) return kept;
	const seed = randomBytes(12).toString('base64url');
	cookies.set(ORDER_COOKIE, seed, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: YEAR_SECONDS
	});
	return seed;
}
