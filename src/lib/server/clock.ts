// Time as the capabilities see it. Tests move it forward to cover expiry without waiting.
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

let offsetMs = 0;

export function now(): Date {
	return new Date(Date.now() + offsetMs);
}

export function advanceClock(ms: number) {
	offsetMs += ms;
}

export function resetClock() {
	offsetMs = 0;
}
