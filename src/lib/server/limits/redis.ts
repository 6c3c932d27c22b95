import { Redis } from 'ioredis';
import { log } from '../log';

/** Counts and sets the window's end in one step, so nodes counting at once count exactly. */
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
	redis.call('PEXPIRE', KEYS[1], ARGV[1])
	ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

type LimitRedis = Redis & {
	reteHit(key: string, windowMs: number): Promise<[number, number]>;
};

let client: LimitRedis | undefined;
let warned = false;
/** Settles at the first connection or the first failure: only the very first counts wait for it. */
let firstAnswer: Promise<void> | undefined;
let firstFailed = false;

/**
 * Its own connection, failing fast: no queue while disconnected and short timeouts, so that an
 * outage costs a request a fraction of a second (the per-node count takes over), never a hang.
 */
function connection(url: string): LimitRedis {
	if (client) return client;
	const redis = new Redis(url, {
		lazyConnect: false,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 0,
		connectTimeout: 1000,
		commandTimeout: 250,
		retryStrategy: (times) => Math.min(times * 200, 2000)
	}) as LimitRedis;
	redis.defineCommand('reteHit', { numberOfKeys: 1, lua: HIT });
	redis.on('error', (error) => {
		if (warned) return;
		warned = true;
		log.warn('rate limits count per node while Redis is unreachable', { error: String(error) });
	});
	redis.on('ready', () => (warned = false));
	firstAnswer = new Promise<void>((resolve) => {
		const settle = () => {
			clearTimeout(timer);
			firstFailed = redis.status !== 'ready';
			resolve();
		};
		const timer = setTimeout(settle, 1000);
		redis.once('ready', settle);
		redis.once('error', settle);
	});
	return (client = redis);
}

/** Counts one event in Redis, or undefined when Redis does not answer at once. */
export async function hitInRedis(url: string, key: string, windowMs: number) {
	const redis = connection(url);
	// Counted in memory while the first connection is still being made, nodes would disagree.
	if (redis.status !== 'ready' && !firstFailed) await firstAnswer;
	if (redis.status !== 'ready') return undefined;
	try {
		const [count, ttl] = await redis.reteHit(`rete:limit:${key}`, windowMs);
		return { count: Number(count), resetInMs: Number(ttl) };
	} catch {
		return undefined;
	}
}

/** Connects at start, so the first requests already count with the other nodes. */
export function connectLimitRedis(url: string | undefined) {
	if (url) connection(url);
}

export function closeLimitRedis() {
	client?.disconnect();
	client = undefined;
}
