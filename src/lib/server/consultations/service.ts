import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { authorize, requireVerified, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import {
	consultationFollows,
	consultationPhases,
	consultations,
	organisations
} from '../db/schema';
import { publish } from '../events/bus';
import { DomainError } from '../errors';
import { decodeTimeCursor, toPage, type Page } from '../pagination';
import { listTerritories } from '../territories/service';
import type { CreateConsultationInput, PhaseKind } from '$lib/shared/schemas/consultations';
import type { ConsultationView } from '$lib/shared/views/consultations';
import { loadConsultation, manualMoveOf, type ConsultationRow } from './load';
import { currentPhase } from './phases';
import { canConsultation, mayOpenConsultation } from './policy';

type Row = ConsultationRow;

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
		const manual = manualMoveOf(r);
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

export async function getConsultation(actor: Actor | null, id: string): Promise<ConsultationView> {
	return consultationView(await loadConsultation(actor, id));
}

/** One consultation's row as the API and pages send it. */
export const consultationView = async (row: Row) => (await toViews([row]))[0];

/** Whether this person follows the consultation. */
export async function isFollowing(actor: Actor | null, id: string): Promise<boolean> {
	if (!actor) return false;
	const [row] = await db
		.select({ id: consultationFollows.userId })
		.from(consultationFollows)
		.where(
			and(eq(consultationFollows.consultationId, id), eq(consultationFollows.userId, actor.id))
		);
	return Boolean(row);
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
	await db.insert(consultationFollows).values({ consultationId: row.id, userId: actor.id });
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
	await announcePhase(moved);
	return (await toViews([moved]))[0];
}

/**
 * Tells the followers of a consultation that its phase changed, once per change: the
 * conditional update of `announced_phase` lets one node, one sweep or one move tell them.
 */
async function announcePhase(row: Row) {
	const phases = await db
		.select()
		.from(consultationPhases)
		.where(eq(consultationPhases.consultationId, row.id))
		.orderBy(asc(consultationPhases.position));
	const kind = currentPhase(phases, manualMoveOf(row), now());
	const [told] = await db
		.update(consultations)
		.set({ announcedPhase: kind })
		.where(
			and(
				eq(consultations.id, row.id),
				or(isNull(consultations.announcedPhase), ne(consultations.announcedPhase, kind))
			)
		)
		.returning({ id: consultations.id });
	if (told) publish('consultation.phase_changed', { consultationId: row.id, phase: kind });
}

/**
 * The clock moves consultations from phase to phase: each sweep tells the followers of those
 * whose phase changed by date since they were last told. Only consultations with a phase that
 * started in the last week are looked at, so the sweep stays small however many there are.
 */
export async function sweepPhaseChanges() {
	const at = now().toISOString();
	const rows = await db
		.select()
		.from(consultations)
		.where(
			sql`exists (select 1 from ${consultationPhases} p where p.consultation_id = ${consultations.id} and p.starts_at <= ${at}::timestamptz and p.starts_at > ${at}::timestamptz - interval '7 days')`
		);
	for (const row of rows) await announcePhase(row);
}

/** Following a consultation: told when its phase changes and when its commitments move. */
export async function follow(actor: Actor | null, id: string, on: boolean) {
	authorize(actor, actor !== null);
	await loadConsultation(actor, id);
	if (on)
		await db
			.insert(consultationFollows)
			.values({ consultationId: id, userId: actor.id })
			.onConflictDoNothing();
	else
		await db
			.delete(consultationFollows)
			.where(
				and(eq(consultationFollows.consultationId, id), eq(consultationFollows.userId, actor.id))
			);
}
