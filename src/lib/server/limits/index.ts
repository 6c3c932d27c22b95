import { config } from '../config';
import { DomainError } from '../errors';
import { hitInMemory } from './memory';
import { hitInRedis } from './redis';

export interface Rule {
	limit: number;
	windowMs: number;
}

export interface Outcome {
	allowed: boolean;
	count: number;
	retryAfterSeconds: number;
}

/**
 * Counts one event against `key` in a fixed window: shared by every node through Redis when
 * `REDIS_URL` is set, counted by this node when it is not or while Redis does not answer.
 * `RATE_LIMIT_DISABLED=1` lets everything through.
 */
export async function limit(key: string, rule: Rule): Promise<Outcome> {
	if (config().rateLimits.disabled) return { allowed: true, count: 0, retryAfterSeconds: 0 };
	const url = config().redisUrl;
	const hit =
		(url ? await hitInRedis(url, key, rule.windowMs) : undefined) ??
		hitInMemory(key, rule.windowMs);
	return {
		allowed: hit.count <= rule.limit,
		count: hit.count,
		retryAfterSeconds: Math.max(1, Math.ceil(hit.resetInMs / 1000))
	};
}

/** The same, throwing `rate_limited` (429 with Retry-After) once over the limit. */
export async function enforceLimit(key: string, rule: Rule): Promise<void> {
	const outcome = await limit(key, rule);
	if (!outcome.allowed)
		throw new DomainError('rate_limited', { retryAfterSeconds: outcome.retryAfterSeconds });
}
