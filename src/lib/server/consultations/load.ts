import { asc, eq, sql } from 'drizzle-orm';
import { requireVerified, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db, type Executor } from '../db/client';
import { consultationPhases, consultations, profiles } from '../db/schema';
import { DomainError } from '../errors';
import { withinTerritory } from '../territories/service';
import type { PhaseKind } from '$lib/shared/schemas/consultations';
import { currentPhase, opensAt, type ManualMove, type Phase } from './phases';
import { canConsultation } from './policy';

export type ConsultationRow = typeof consultations.$inferSelect;

/** The consultation's row, for someone who may see it (`not_found` otherwise, whether or not it exists). */
export async function loadConsultation(
	actor: Actor | null,
	id: string,
	tx: Executor = db
): Promise<ConsultationRow> {
	const [row] = await tx.select().from(consultations).where(eq(consultations.id, id));
	if (!row || !canConsultation(actor, 'view', row)) throw new DomainError('not_found');
	return row;
}

export const manualMoveOf = (row: ConsultationRow): ManualMove | null =>
	row.manualPhase && row.manualPhaseAt ? { kind: row.manualPhase, at: row.manualPhaseAt } : null;

export async function phasesOf(consultationId: string, tx: Executor = db): Promise<Phase[]> {
	return tx
		.select({
			kind: consultationPhases.kind,
			startsAt: consultationPhases.startsAt,
			endsAt: consultationPhases.endsAt
		})
		.from(consultationPhases)
		.where(eq(consultationPhases.consultationId, consultationId))
		.orderBy(asc(consultationPhases.position));
}

/** The phase current now, and the phases it was read from. */
export async function phaseNow(row: ConsultationRow, tx: Executor = db) {
	const phases = await phasesOf(row.id, tx);
	return { phases, current: currentPhase(phases, manualMoveOf(row), now()) };
}

/**
 * Refuses unless the current phase is one of `kinds`: 409 `phase_closed`, with when the first
 * of them opens next (null when they are past or the consultation has none of them).
 */
export async function assertPhase(
	row: ConsultationRow,
	kinds: readonly PhaseKind[],
	tx: Executor = db
) {
	const { phases, current } = await phaseNow(row, tx);
	if (kinds.includes(current)) return;
	const opens = kinds
		.map((kind) => opensAt(phases, kind, manualMoveOf(row), now()))
		.find((at) => at !== null);
	throw new DomainError('conflict', {
		extra: { reason: 'phase_closed', phase: kinds.at(-1), opensAt: opens?.toISOString() ?? null }
	});
}

/**
 * Supports are open from the proposals phase to the end of the supports phase, so that someone
 * who meets a proposal like their own can support it at once instead of proposing it again.
 */
export const SUPPORT_PHASES: readonly PhaseKind[] = ['proposals', 'supports'];

/**
 * Who may take part (propose, support, vote online): someone signed in with a proved address,
 * living (by their profile's home territory) in the consultation's territory or under it, when
 * it has one.
 */
export async function livesWithin(
	actor: Actor,
	row: ConsultationRow,
	tx: Executor = db
): Promise<boolean> {
	if (!row.territoryId) return true;
	const [inside] = await tx
		.select({ yes: sql<number>`1` })
		.from(profiles)
		.where(
			sql`${profiles.userId} = ${actor.id} and ${withinTerritory(profiles.homeTerritoryId, row.territoryId)}`
		);
	return Boolean(inside);
}

/** Refuses someone who may not take part: 401/403 as usual, 403 `not_eligible` outside it. */
export async function assertEligible(
	actor: Actor | null,
	row: ConsultationRow,
	tx: Executor = db
): Promise<void> {
	requireVerified(actor);
	if (!(await livesWithin(actor, row, tx)))
		throw new DomainError('forbidden', { extra: { reason: 'not_eligible' } });
}
