import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { commitmentMilestones, consultationCommitments, proposals } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import type { CommitmentInput } from '$lib/shared/schemas/consultations';
import type { CommitmentView } from '$lib/shared/views/consultations';
import { loadConsultation } from './load';
import { canConsultation } from './policy';

/** What the organisation committed to after a consultation, with progress and milestones. */
export async function listCommitments(
	actor: Actor | null,
	consultationId: string
): Promise<CommitmentView[]> {
	await loadConsultation(actor, consultationId);
	const rows = await db
		.select()
		.from(consultationCommitments)
		.where(eq(consultationCommitments.consultationId, consultationId))
		.orderBy(asc(consultationCommitments.createdAt));
	const milestones = rows.length
		? await db
				.select()
				.from(commitmentMilestones)
				.where(
					inArray(
						commitmentMilestones.commitmentId,
						rows.map((r) => r.id)
					)
				)
				.orderBy(asc(commitmentMilestones.date), asc(commitmentMilestones.createdAt))
		: [];
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		description: r.description,
		proposalId: r.proposalId,
		progress: r.progress,
		milestones: milestones
			.filter((m) => m.commitmentId === r.id)
			.map((m) => ({ id: m.id, date: m.date, text: m.text })),
		updatedAt: r.updatedAt.toISOString()
	}));
}

/** The consultation's coordinators commit to something (from a proposal or not). */
export async function addCommitment(
	actor: Actor | null,
	consultationId: string,
	input: CommitmentInput
) {
	const consultation = await loadConsultation(actor, consultationId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	if (input.proposalId) {
		const [own] = await db
			.select({ id: proposals.id })
			.from(proposals)
			.where(and(eq(proposals.id, input.proposalId), eq(proposals.consultationId, consultationId)));
		if (!own) throw new DomainError('invalid_input', { fields: { proposalId: 'v_invalid' } });
	}
	const [row] = await db
		.insert(consultationCommitments)
		.values({ consultationId, ...input })
		.returning({ id: consultationCommitments.id });
	publish('commitment.updated', { commitmentId: row.id, progress: input.progress });
	publish('consultation.changed', { consultationId });
	return row;
}

/** Moves a commitment on: its progress, and a dated milestone its followers are told about. */
export async function updateCommitment(
	actor: Actor | null,
	commitmentId: string,
	input: { progress: number; milestone?: { date: string; text: string } }
) {
	const [commitment] = await db
		.select()
		.from(consultationCommitments)
		.where(eq(consultationCommitments.id, commitmentId));
	if (!commitment) throw new DomainError('not_found');
	const consultation = await loadConsultation(actor, commitment.consultationId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	await db.transaction(async (tx) => {
		await tx
			.update(consultationCommitments)
			.set({ progress: input.progress, updatedAt: sql`now()` })
			.where(eq(consultationCommitments.id, commitmentId));
		if (input.milestone)
			await tx.insert(commitmentMilestones).values({ commitmentId, ...input.milestone });
	});
	publish('commitment.updated', { commitmentId, progress: input.progress });
	publish('consultation.changed', { consultationId: consultation.id });
}
