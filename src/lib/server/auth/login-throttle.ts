import { and, eq, lt, sql } from 'drizzle-orm';
import { now } from '../clock';
import { config } from '../config';
import { currentDatabase, db } from '../db/client';
import { knownDevices, rateLimitHits } from '../db/schema';
import { DomainError } from '../errors';
import type { Rule } from './rate-limit';
import { generateToken, hashToken } from './tokens';

/** Doubling stops at 2^12 seconds; the rule's window caps it well before for usual settings. */
const MAX_DOUBLINGS = 12;

/**
 * Growing delays (docs/decisions/0005-login-throttling.md): `rule.limit` attempts pass freely,
 * then each must come at least 1 s, 2 s, 4 s… (at most the rule's window) after the previous one;
 * everything is forgotten after two windows without an attempt. The row's `window_start` holds
 * the last attempt. One upsert decides and counts, so parallel guesses on several nodes cannot
 * slip through together. A refused attempt is not counted; throws 429 with the wait.
 */
export async function passGate(key: string, rule: Rule) {
	if (config().rateLimits.disabled) return;
	const at = now();
	const forgetBefore = new Date(at.getTime() - 2 * rule.windowMs).toISOString();
	const capSeconds = Math.max(1, Math.floor(rule.windowMs / 1000));
	const wait = (count: unknown) =>
		sql`least(power(2, least(${count} - ${rule.limit}, ${MAX_DOUBLINGS})), ${capSeconds}) * interval '1 second'`;
	const result = await db.execute(sql`
		insert into ${rateLimitHits} as h (key, window_start, count) values (${key}, ${at.toISOString()}, 1)
		on conflict (key) do update set
			count = case when h.window_start <= ${forgetBefore} then 1 else h.count + 1 end,
			window_start = ${at.toISOString()}::timestamptz
		where h.window_start <= ${forgetBefore}
			or h.count < ${rule.limit}
			or h.window_start + ${wait(sql`h.count`)} <= ${at.toISOString()}::timestamptz
		returning count`);
	if (currentDatabase().rows(result).length > 0) return;
	const readBack = await db.execute(sql`
		select extract(epoch from (h.window_start + ${wait(sql`h.count`)})) * 1000 as open_at
		from ${rateLimitHits} h where h.key = ${key}`);
	const [row] = currentDatabase().rows<{ open_at: number | string }>(readBack);
	const seconds = row ? Math.ceil((Number(row.open_at) - at.getTime()) / 1000) : 1;
	throw new DomainError('rate_limited', { retryAfterSeconds: Math.max(1, seconds) });
}

// A device token names the browser, not the account: one cookie serves everyone who signs in
// on it, and the database keeps only hash(token, account), which says nothing of either alone.
const deviceHash = (token: string, userId: string) => hashToken(`${token}\u0000${userId}`);

export const DEVICE_COOKIE = 'rete_device';
export const DEVICE_HEADER = 'x-rete-device';
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export function wellFormedDevice(token: string | null | undefined): string | undefined {
	return token && TOKEN_SHAPE.test(token) ? token : undefined;
}

/** Whether this client has signed in to this account before. */
export async function isKnownDevice(token: string | undefined, userId: string) {
	if (!token) return false;
	const [row] = await db
		.select({ userId: knownDevices.userId })
		.from(knownDevices)
		.where(
			and(eq(knownDevices.tokenHash, deviceHash(token, userId)), eq(knownDevices.userId, userId))
		);
	return row !== undefined;
}

/** After a successful sign-in: the client is known to this account from now on. */
export async function rememberDevice(token: string | undefined, userId: string) {
	const device = token ?? generateToken();
	await db
		.insert(knownDevices)
		.values({ tokenHash: deviceHash(device, userId), userId, lastUsedAt: now() })
		.onConflictDoUpdate({ target: knownDevices.tokenHash, set: { lastUsedAt: now() } });
	return device;
}

/** Devices not seen for a year (the cookie's life) are forgotten. */
export async function deleteStaleDevices() {
	await db
		.delete(knownDevices)
		.where(lt(knownDevices.lastUsedAt, new Date(now().getTime() - 365 * 86_400_000)));
}
