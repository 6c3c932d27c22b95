// The per-node count that stands in for Redis: fixed windows, and a bounded number of keys.
import { describe, expect, it } from 'vitest';
import { hitInMemory, memoryWindowCount } from '../../src/lib/server/limits/memory';

describe('per-node limiter', () => {
	it('counts in a fixed window and starts again when it ends', () => {
		const at = 1_000_000;
		expect(hitInMemory('a', 1000, at)).toEqual({ count: 1, resetInMs: 1000 });
		expect(hitInMemory('a', 1000, at + 400)).toEqual({ count: 2, resetInMs: 600 });
		expect(hitInMemory('b', 1000, at + 400).count).toBe(1);
		expect(hitInMemory('a', 1000, at + 1000)).toEqual({ count: 1, resetInMs: 1000 });
	});

	it('never holds more than its bound, however many keys are hit', () => {
		const at = 2_000_000;
		for (let i = 0; i < 120_000; i++) hitInMemory(`flood:${i}`, 60_000, at);
		expect(memoryWindowCount()).toBeLessThanOrEqual(100_000);
		// The newest windows are the ones kept.
		expect(hitInMemory('flood:119999', 60_000, at).count).toBe(2);
	});
});
