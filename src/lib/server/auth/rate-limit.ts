import { eq, lt, sql } from 'drizzle-orm';
import { now } from '../clock';
import { config } from '../config';
import { currentDatabase, db } from '../db/client';
import { rateLimitHits } from '../db/schema';
import { DomainError } from '../errors';

export interface Rule {
	limit: number;
	windowMs: number;
}

/**
 * Counts `amount` events (one, usually) against `key` in a fixed window and returns how many the
 * window holds now. One upsert, so concurrent requests on several nodes count exactly.
 */
export async function hit(
	key: string,
	rule: Rule,
	amount = 1
): Promise<{ count: number; resetAt: Date }> {
	const at = now();
	const windowOpenedBefore = new Date(at.getTime() - rule.windowMs);
	const result = await db.execute(sql`
		insert into ${rateLimitHits} (key, window_start, count) values (${key}, ${at.toISOString()}, ${amount})
		on conflict (key) do update set
			count = case when ${rateLimitHits.windowStart} <= ${windowOpenedBefore.toISOString()}
				then ${amount} else ${rateLimitHits.count} + ${amount} end,
			window_start = case when ${rateLimitHits.windowStart} <= ${windowOpenedBefore.toISOString()}
				then ${at.toISOString()}::timestamptz else ${rateLimitHits.windowStart} end
		returning count, window_start`);
	const [row] = currentDatabase().rows<{ count: number; window_start: string | Date }>(result);
	return {
		count: Number(row.count),
		resetAt: new Date(new Date(row.window_start).getTime() + rule.windowMs)
	};
}

/** Counts `amount` events and throws `rate_limited` once the window is over its limit. */
export async function consume(key: string, rule: Rule, amount = 1) {
	if (config().rateLimits.disabled) return;
	const { count, resetAt } = await hit(key, rule, amount);
	if (count > rule.limit) throw limited(resetAt.getTime());
}

/** Gives back one counted event (a login that turned out to be right). */
export async function refund(key: string) {
	if (config().rateLimits.disabled) return;
	await db
		.update(rateLimitHits)
		.set({ count: sql`greatest(${rateLimitHits.count} - 1, 0)` })
		.where(eq(rateLimitHits.key, key));
}

export async function resetLimit(key: string) {
	await db.delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}

function limited(resetAtMs: number) {
	const retryAfterSeconds = Math.max(1, Math.ceil((resetAtMs - now().getTime()) / 1000));
	return new DomainError('rate_limited', { retryAfterSeconds });
}

/** Windows older than a day are over for every rule we have. */
export async function deleteStaleLimits() {
	await db
		.delete(rateLimitHits)
		.where(lt(rateLimitHits.windowStart, new Date(now().getTime() - 86_400_000)));
}
