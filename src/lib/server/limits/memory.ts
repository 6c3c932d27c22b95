/** Fixed windows counted in this process: the limiter of a single node, or of any node while Redis is away. */

const MAX_KEYS = 100_000;

interface Window {
	count: number;
	resetAt: number;
}

const windows = new Map<string, Window>();

/**
 * Drops windows that are over, then the oldest, down to nine tenths of the bound: memory stays
 * bounded, and the sweep runs once per many new keys, not at each one.
 */
function makeRoom(at: number) {
	for (const [key, w] of windows) if (w.resetAt <= at) windows.delete(key);
	for (const key of windows.keys()) {
		if (windows.size < MAX_KEYS * 0.9) break;
		windows.delete(key);
	}
}

/** Counts one event against `key`; returns the window's count and how long until it ends. */
export function hitInMemory(key: string, windowMs: number, at = Date.now()) {
	let w = windows.get(key);
	if (!w || w.resetAt <= at) {
		if (windows.size >= MAX_KEYS) makeRoom(at);
		// Re-inserted, so the map's order stays "oldest window first".
		windows.delete(key);
		w = { count: 0, resetAt: at + windowMs };
		windows.set(key, w);
	}
	w.count += 1;
	return { count: w.count, resetInMs: w.resetAt - at };
}

/** For tests of the fallback. */
export function memoryWindowCount() {
	return windows.size;
}
