/**
 * Which phase of a consultation is current. Exactly one always is: by the phases' dates, or
 * the one a coordinator moved to by hand, which holds until the next phase's start date after
 * the move (so moving on early, or giving proposals a few more days, both last until the
 * calendar's next step, and the dates then take over again).
 */

import type { PhaseKind } from '$lib/shared/schemas/consultations';

export interface Phase {
	kind: PhaseKind;
	startsAt: Date;
	endsAt: Date;
}

/** A move by hand: to which phase, and when it was made. */
export interface ManualMove {
	kind: PhaseKind;
	at: Date;
}

/**
 * The phase current at `now`, for phases in their order with dates that do not go backwards.
 * By dates: the last phase that has started (before the first, the first; in a gap between
 * two, the one before it, until the next starts).
 */
export function currentPhase(
	phases: readonly Phase[],
	manual: ManualMove | null,
	now: Date
): PhaseKind {
	if (manual && phases.some((p) => p.kind === manual.kind)) {
		const nextStart = phases.find((p) => p.startsAt > manual.at)?.startsAt;
		if (!nextStart || now < nextStart) return manual.kind;
	}
	let current = phases[0].kind;
	for (const p of phases) if (p.startsAt <= now) current = p.kind;
	return current;
}

/** When a phase opens next (for "proposals open on 3 March"), or null when it is open or past. */
export function opensAt(
	phases: readonly Phase[],
	kind: PhaseKind,
	manual: ManualMove | null,
	now: Date
): Date | null {
	if (currentPhase(phases, manual, now) === kind) return null;
	const phase = phases.find((p) => p.kind === kind);
	return phase && phase.startsAt > now ? phase.startsAt : null;
}
