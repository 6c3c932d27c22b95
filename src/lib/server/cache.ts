/**
 * Small reference lists (categories, territories) read on nearly every page. Kept for a few
 * seconds per process; a change made on this node clears them at once, and another node's
 * change is seen within the lifetime.
 */
const entries = new Map<string, { until: number; value: Promise<unknown> }>();
const LIFETIME_MS = 10_000;

export function cached<T>(key: string, load: () => PromiseLike<T>): Promise<T> {
	const hit = entries.get(key);
	if (hit && hit.until > Date.now()) return hit.value as Promise<T>;
	// Settled once: a query builder would run its query again at every `await`.
	const value = Promise.resolve(load());
	entries.set(key, { until: Date.now() + LIFETIME_MS, value });
	value.catch(() => entries.delete(key));
	return value;
}

export function forget(key: string) {
	entries.delete(key);
}
