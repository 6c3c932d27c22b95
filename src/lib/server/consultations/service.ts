import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { authorize, requireVerified, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { consultationPhases, consultations, organisations } from '../db/schema';
import { DomainError } from '../errors';
import { decodeTimeCursor, toPage, type Page } from '../pagination';
import { listTerritories } from '../territories/service';
import type { CreateConsultationInput, PhaseKind } from '$lib/shared/schemas/consultations';
import type { ConsultationView } from '$lib/shared/views/consultations';
import { currentPhase } from './phases';
import { canConsultation, mayOpenConsultation } from './policy';

type Row = typeof consultations.$inferSelect;

/** Consultations with their organisation's name and their phases, in the order of `rows`. */
async function toViews(rows: Row[]): Promise<ConsultationView[]> {
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const [phases, orgs, places] = await Promise.all([
		db
			.select()
			.from(consultationPhases)
			.where(inArray(consultationPhases.consultationId, ids))
			.orderBy(asc(consultationPhases.position)),
		db
			.select({ id: organisations.id, name: organisations.name })
			.from(organisations)
			.where(inArray(organisations.id, [...new Set(rows.map((r) => r.organisationId))])),
		listTerritories()
	]);
	const orgName = new Map(orgs.map((o) => [o.id, o.name]));
	const placeName = new Map(places.map((t) => [t.id, t.name]));
	const at = now();
	return rows.map((r) => {
		const own = phases.filter((p) => p.consultationId === r.id);
		const manual =
			r.manualPhase && r.manualPhaseAt ? { kind: r.manualPhase, at: r.manualPhaseAt } : null;
		return {
			id: r.id,
			title: r.title,
			description: r.description,
			organisationId: r.organisationId,
			organisationName: orgName.get(r.organisationId) ?? '',
			territoryId: r.territoryId,
			territoryName: r.territoryId ? (placeName.get(r.territoryId) ?? null) : null,
			visibility: r.visibility,
			phases: own.map((p) => ({
				kind: p.kind,
				startsAt: p.startsAt.toISOString(),
				endsAt: p.endsAt.toISOString()
			})),
			currentPhase: currentPhase(own, manual, at),
			settings: {
				supportsPerPerson: r.supportsPerPerson,
				supportThreshold: r.supportThreshold,
				proposalsPerPerson: r.proposalsPerPerson,
				assistedBallots: r.assistedBallots,
				requireIdentity: r.requireIdentity
			},
			createdAt: r.createdAt.toISOString()
		};
	});
}

/** The consultation's row, for someone who may see it (`not_found` otherwise, whether or not it exists). */
export async function loadConsultation(actor: Actor | null, id: string): Promise<Row> {
	const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
	if (!row || !canConsultation(actor, 'view', row)) throw new DomainError('not_found');
	return row;
}

export async function getConsultation(actor: Actor | null, id: string): Promise<ConsultationView> {
	return (await toViews([await loadConsultation(actor, id)]))[0];
}

/** An organisation's coordinators open one, with its phases; nothing is saved if any is wrong. */
export async function createConsultation(
	actor: Actor | null,
	input: CreateConsultationInput
): Promise<ConsultationView> {
	requireVerified(actor);
	authorize(actor, mayOpenConsultation(actor, input.organisationId));
	if (input.territoryId && !(await listTerritories()).some((t) => t.id === input.territoryId))
		throw new DomainError('invalid_input', { fields: { territoryId: 'v_invalid' } });
	const row = await db.transaction(async (tx) => {
		const [created] = await tx
			.insert(consultations)
			.values({
				organisationId: input.organisationId,
				title: input.title,
				description: input.description,
				territoryId: input.territoryId,
				visibility: input.visibility,
				...input.settings,
				createdBy: actor.id
			})
			.returning();
		await tx.insert(consultationPhases).values(
			input.phases.map((p, position) => ({
				consultationId: created.id,
				kind: p.kind,
				position,
				startsAt: p.startsAt,
				endsAt: p.endsAt
			}))
		);
		return created;
	});
	return (await toViews([row]))[0];
}

/** Consultations one may see, newest first, a page at a time. */
export async function listConsultations(
	actor: Actor | null,
	query: { cursor?: string; limit: number; organisationId?: string }
): Promise<Page<ConsultationView>> {
	const after = decodeTimeCursor(query.cursor);
	const rows = await db
		.select()
		.from(consultations)
		.where(
			and(
				actor ? undefined : eq(consultations.visibility, 'public'),
				query.organisationId ? eq(consultations.organisationId, query.organisationId) : undefined,
				after
					? or(
							lt(consultations.createdAt, after.at),
							and(eq(consultations.createdAt, after.at), lt(consultations.id, after.id))
						)
					: undefined
			)
		)
		.orderBy(desc(consultations.createdAt), desc(consultations.id))
		.limit(query.limit + 1);
	const views = await toViews(rows);
	const byId = new Map(views.map((v) => [v.id, v]));
	return toPage(
		rows,
		query.limit,
		(r) => byId.get(r.id)!,
		(r) => [r.createdAt.toISOString(), r.id]
	);
}

/**
 * A coordinator moves the consultation to a phase now; it holds until the next phase's start
 * date.
 */
export async function movePhase(
	actor: Actor | null,
	id: string,
	kind: PhaseKind
): Promise<ConsultationView> {
	const row = await loadConsultation(actor, id);
	authorize(actor, canConsultation(actor, 'run', row));
	const [phase] = await db
		.select({ kind: consultationPhases.kind })
		.from(consultationPhases)
		.where(and(eq(consultationPhases.consultationId, id), eq(consultationPhases.kind, kind)));
	if (!phase) throw new DomainError('invalid_input', { fields: { kind: 'v_invalid' } });
	const [moved] = await db
		.update(consultations)
		.set({ manualPhase: kind, manualPhaseAt: now(), updatedAt: sql`now()` })
		.where(eq(consultations.id, id))
		.returning();
	return (await toViews([moved]))[0];
}
