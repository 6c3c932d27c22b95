import { and, desc, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { authorize, requireVerified, type Actor } from '../auth/actor';
import { recordAudit } from '../administration/audit';
import { config } from '../config';
import { currentDatabase, db, type Executor } from '../db/client';
import {
	consultationFollows,
	consultationParticipants,
	proposalReports,
	proposalSupports,
	proposals,
	users
} from '../db/schema';
import { textQuery, webSearchText } from '../db/text-search';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { cursorId, cursorTime, decodeCursor, toPage, type Page } from '../pagination';
import type { ProposalSort } from '$lib/shared/schemas/consultations';
import type { ProposalView } from '$lib/shared/views/consultations';
import {
	assertEligible,
	assertPhase,
	loadConsultation,
	SUPPORT_PHASES,
	type ConsultationRow
} from './load';
import { canConsultation } from './policy';

type ProposalRow = typeof proposals.$inferSelect;

/** Reports from different people that hide a proposal until a coordinator looks. */
export const REPORTS_TO_HIDE = 3;
const MAX_SIMILAR = 5;

const selection = {
	proposal: proposals,
	authorName: users.name
};

function toView(
	row: { proposal: ProposalRow; authorName: string | null },
	actor: Actor | null,
	supported: ReadonlySet<string>
): ProposalView {
	const p = row.proposal;
	return {
		id: p.id,
		consultationId: p.consultationId,
		title: p.title,
		body: p.body,
		authorName: row.authorName ?? '',
		supports: p.supports,
		state: p.state,
		answer: p.answer,
		answeredAt: p.answeredAt?.toISOString() ?? null,
		thresholdReached: p.thresholdReachedAt !== null,
		moderation: p.moderation,
		createdAt: p.createdAt.toISOString(),
		mine: actor !== null && p.authorId === actor.id,
		supportedByMe: supported.has(p.id)
	};
}

async function supportedBy(actor: Actor | null, ids: string[]): Promise<Set<string>> {
	if (!actor || !ids.length) return new Set();
	const rows = await db
		.select({ id: proposalSupports.proposalId })
		.from(proposalSupports)
		.where(and(eq(proposalSupports.userId, actor.id), inArray(proposalSupports.proposalId, ids)));
	return new Set(rows.map((r) => r.id));
}

/** What a reader sees of a consultation's proposals: hidden and removed ones only its runners. */
const shownTo = (actor: Actor | null, c: ConsultationRow): SQL | undefined =>
	canConsultation(actor, 'run', c) ? undefined : eq(proposals.moderation, 'visible');

/** The proposal and its consultation, for someone who may see them (`not_found` otherwise). */
async function loadProposal(actor: Actor | null, id: string, tx: Executor = db) {
	const [row] = await tx
		.select(selection)
		.from(proposals)
		.leftJoin(users, eq(users.id, proposals.authorId))
		.where(eq(proposals.id, id));
	if (!row) throw new DomainError('not_found');
	const consultation = await loadConsultation(actor, row.proposal.consultationId, tx);
	const runs = canConsultation(actor, 'run', consultation);
	if (row.proposal.moderation !== 'visible' && !runs) throw new DomainError('not_found');
	return { row, consultation };
}

export async function getProposal(actor: Actor | null, id: string): Promise<ProposalView> {
	const { row } = await loadProposal(actor, id);
	return toView(row, actor, await supportedBy(actor, [id]));
}

export interface SimilarProposal {
	id: string;
	title: string;
	similarity: number;
}

/**
 * Proposals of the same consultation that read like this one (titles and the start of their
 * text, by trigrams), closest first: shown before saving, "is it one of these? support it".
 */
async function similarProposals(
	tx: Executor,
	consultationId: string,
	input: { title: string; body: string }
): Promise<SimilarProposal[]> {
	const title = input.title.toLowerCase();
	const body = input.body.toLowerCase().slice(0, 300);
	const result = await tx.execute(sql`
		select id, title, score from (
			select ${proposals.id} as id, ${proposals.title} as title,
				0.65 * similarity(lower(${proposals.title}), ${title})
					+ 0.35 * similarity(lower(left(${proposals.body}, 300)), ${body}) as score
			from ${proposals}
			where ${proposals.consultationId} = ${consultationId} and ${proposals.moderation} = 'visible'
		) scored
		where score >= ${config().duplicateThreshold * 0.75}
		order by score desc limit ${MAX_SIMILAR}`);
	return currentDatabase()
		.rows<{ id: string; title: string; score: number }>(result)
		.map((r) => ({
			id: r.id,
			title: r.title,
			similarity: Math.round(Number(r.score) * 100) / 100
		}));
}

/** The person's row of limits in this consultation, made on first use. */
async function participantRow(tx: Executor, consultationId: string, userId: string) {
	await tx
		.insert(consultationParticipants)
		.values({ consultationId, userId })
		.onConflictDoNothing();
}

/**
 * A resident proposes, in the proposals phase. Similar proposals come back first as
 * `possible_duplicate` (nothing saved) unless the author goes on, which the proposal records;
 * the limit per person is a conditional update of their row, so no concurrency passes it.
 */
export async function createProposal(
	actor: Actor | null,
	consultationId: string,
	input: { title: string; body: string; allowSimilar: boolean }
): Promise<ProposalView> {
	const consultation = await loadConsultation(actor, consultationId);
	await assertEligible(actor, consultation);
	authorize(actor, actor !== null);
	await assertPhase(consultation, ['proposals']);
	const id = await db.transaction(async (tx) => {
		const similar = await similarProposals(tx, consultationId, input);
		if (similar.length && !input.allowSimilar)
			throw new DomainError('possible_duplicate', { extra: { candidates: similar } });
		await participantRow(tx, consultationId, actor.id);
		const [counted] = await tx
			.update(consultationParticipants)
			.set({ proposalsMade: sql`${consultationParticipants.proposalsMade} + 1` })
			.where(
				and(
					eq(consultationParticipants.consultationId, consultationId),
					eq(consultationParticipants.userId, actor.id),
					sql`${consultationParticipants.proposalsMade} < ${consultation.proposalsPerPerson}`
				)
			)
			.returning({ n: consultationParticipants.proposalsMade });
		if (!counted) throw new DomainError('conflict', { extra: { reason: 'proposal_limit' } });
		const [row] = await tx
			.insert(proposals)
			.values({
				consultationId,
				authorId: actor.id,
				title: input.title,
				body: input.body,
				postedDespite: similar.length ? similar.map((s) => s.id) : null
			})
			.returning({ id: proposals.id });
		await tx
			.insert(consultationFollows)
			.values({ consultationId, userId: actor.id })
			.onConflictDoNothing();
		return row.id;
	});
	publish('consultation.changed', { consultationId });
	return getProposal(actor, id);
}

type Keyed = { proposal: ProposalRow; authorName: string | null; key: string };

/**
 * A consultation's proposals by supports, newest, or in a random order fixed per visitor (the
 * same seed gives the same order, so nobody wins by being listed first), with search; a page at
 * a time.
 */
export async function listProposals(
	actor: Actor | null,
	consultationId: string,
	query: { sort: ProposalSort; q?: string; seed?: string; cursor?: string; limit: number }
): Promise<Page<ProposalView>> {
	const consultation = await loadConsultation(actor, consultationId);
	const seed = query.seed ?? actor?.id ?? 'rete';
	const key: Record<ProposalSort, SQL<string>> = {
		supports: sql<string>`lpad(${proposals.supports}::text, 10, '0')`,
		newest: sql<string>`to_char(${proposals.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
		random: sql<string>`md5(${seed} || ${proposals.id}::text)`
	};
	const sortKey = key[query.sort];
	const descending = query.sort !== 'random';
	const after = decodeCursor(query.cursor, 2);
	const afterId = after ? cursorId(after[1]) : null;
	if (after && query.sort === 'newest') cursorTime(after[0]);
	const q = query.q ? webSearchText(query.q) : '';
	const rows: Keyed[] = await db
		.select({ ...selection, key: sortKey })
		.from(proposals)
		.leftJoin(users, eq(users.id, proposals.authorId))
		.where(
			and(
				eq(proposals.consultationId, consultationId),
				shownTo(actor, consultation),
				q ? sql`${proposals.search} @@ ${textQuery(q)}` : undefined,
				after
					? descending
						? sql`(${sortKey}, ${proposals.id}) < (${after[0]}, ${afterId}::uuid)`
						: sql`(${sortKey}, ${proposals.id}) > (${after[0]}, ${afterId}::uuid)`
					: undefined
			)
		)
		.orderBy(
			...(descending ? [desc(sortKey), desc(proposals.id)] : [asc(sortKey), asc(proposals.id)])
		)
		.limit(query.limit + 1);
	const supported = await supportedBy(
		actor,
		rows.map((r) => r.proposal.id)
	);
	return toPage(
		rows,
		query.limit,
		(r) => toView(r, actor, supported),
		(r) => [r.key, r.proposal.id]
	);
}

/**
 * Supports a proposal, from the proposals phase to the end of the supports phase: one per person and proposal (the primary key),
 * no more per person than the consultation allows (a conditional update of their row). A
 * proposal reaching the threshold is marked once and its author told.
 */
export async function supportProposal(actor: Actor | null, proposalId: string) {
	const { consultation } = await loadProposal(actor, proposalId);
	await assertEligible(actor, consultation);
	authorize(actor, actor !== null);
	await assertPhase(consultation, SUPPORT_PHASES);
	const { supports, reached } = await db.transaction(async (tx) => {
		const [inserted] = await tx
			.insert(proposalSupports)
			.values({ proposalId, userId: actor.id })
			.onConflictDoNothing()
			.returning({ id: proposalSupports.proposalId });
		if (!inserted) throw new DomainError('conflict', { extra: { reason: 'already_supported' } });
		await participantRow(tx, consultation.id, actor.id);
		const [counted] = await tx
			.update(consultationParticipants)
			.set({ supportsGiven: sql`${consultationParticipants.supportsGiven} + 1` })
			.where(
				and(
					eq(consultationParticipants.consultationId, consultation.id),
					eq(consultationParticipants.userId, actor.id),
					sql`${consultationParticipants.supportsGiven} < ${consultation.supportsPerPerson}`
				)
			)
			.returning({ n: consultationParticipants.supportsGiven });
		if (!counted) throw new DomainError('conflict', { extra: { reason: 'support_limit' } });
		const threshold = consultation.supportThreshold;
		const [updated] = await tx
			.update(proposals)
			.set({
				supports: sql`${proposals.supports} + 1`,
				...(threshold > 0
					? {
							thresholdReachedAt: sql`coalesce(${proposals.thresholdReachedAt}, case when ${proposals.supports} + 1 >= ${threshold} then now() end)`
						}
					: {})
			})
			.where(eq(proposals.id, proposalId))
			// Marked by this very transaction (`now()` is its start): told once, however often
			// the count comes back to the threshold after withdrawals.
			.returning({
				supports: proposals.supports,
				reachedNow: sql<boolean>`coalesce(${proposals.thresholdReachedAt} = now(), false)`
			});
		return { supports: updated.supports, reached: threshold > 0 && Boolean(updated.reachedNow) };
	});
	publish('consultation.changed', { consultationId: consultation.id });
	if (reached) publish('proposal.threshold_reached', { proposalId, supports });
	return { supports };
}

/** Withdraws one's support while supports are open; the support is given back. */
export async function withdrawSupport(actor: Actor | null, proposalId: string) {
	authorize(actor, actor !== null);
	// One's own support can be withdrawn even from a proposal hidden since, so it is not lost.
	const [own] = await db
		.select({ consultationId: proposals.consultationId })
		.from(proposals)
		.where(eq(proposals.id, proposalId));
	if (!own) throw new DomainError('not_found');
	const consultation = await loadConsultation(actor, own.consultationId);
	await assertPhase(consultation, SUPPORT_PHASES);
	await db.transaction(async (tx) => {
		const [gone] = await tx
			.delete(proposalSupports)
			.where(
				and(eq(proposalSupports.proposalId, proposalId), eq(proposalSupports.userId, actor.id))
			)
			.returning({ id: proposalSupports.proposalId });
		if (!gone) throw new DomainError('not_found');
		await tx
			.update(consultationParticipants)
			.set({ supportsGiven: sql`${consultationParticipants.supportsGiven} - 1` })
			.where(
				and(
					eq(consultationParticipants.consultationId, consultation.id),
					eq(consultationParticipants.userId, actor.id)
				)
			);
		await tx
			.update(proposals)
			.set({ supports: sql`${proposals.supports} - 1` })
			.where(eq(proposals.id, proposalId));
	});
	publish('consultation.changed', { consultationId: consultation.id });
}

/** The organisation's coordinators answer a proposal; its author and supporters are told. */
export async function answerProposal(
	actor: Actor | null,
	proposalId: string,
	input: { state: 'evaluating' | 'accepted' | 'rejected'; text: string }
): Promise<ProposalView> {
	const { consultation } = await loadProposal(actor, proposalId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	await db
		.update(proposals)
		.set({ state: input.state, answer: input.text, answeredAt: sql`now()` })
		.where(eq(proposals.id, proposalId));
	publish('proposal.answered', { proposalId });
	publish('consultation.changed', { consultationId: consultation.id });
	return getProposal(actor, proposalId);
}

/**
 * Reports a proposal (once per person). The third report from different people since a
 * coordinator last looked hides it from everyone but the consultation's coordinators.
 */
export async function reportProposal(actor: Actor | null, proposalId: string, reason: string) {
	requireVerified(actor);
	const { row, consultation } = await loadProposal(actor, proposalId);
	if (row.proposal.authorId === actor.id) throw new DomainError('forbidden');
	const hidden = await db.transaction(async (tx) => {
		const [reported] = await tx
			.insert(proposalReports)
			.values({ proposalId, userId: actor.id, reason })
			.onConflictDoNothing()
			.returning({ id: proposalReports.proposalId });
		if (!reported) throw new DomainError('conflict', { extra: { reason: 'already_reported' } });
		const [after] = await tx
			.update(proposals)
			.set({
				reports: sql`${proposals.reports} + 1`,
				moderation: sql`case when ${proposals.moderation} = 'visible' and ${proposals.reports} + 1 >= ${REPORTS_TO_HIDE} then 'hidden' else ${proposals.moderation} end`
			})
			.where(eq(proposals.id, proposalId))
			.returning({ moderation: proposals.moderation });
		return after.moderation === 'hidden';
	});
	if (hidden) publish('consultation.changed', { consultationId: consultation.id });
	return { hidden };
}

/**
 * A coordinator looks at a reported proposal: shown again (its report count starts over, so
 * three new people are needed to hide it again) or removed for good. Written in the audit log.
 */
export async function moderateProposal(
	actor: Actor | null,
	proposalId: string,
	decision: 'restore' | 'remove'
): Promise<ProposalView> {
	const { row, consultation } = await loadProposal(actor, proposalId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	// A removal is for good.
	if (row.proposal.moderation === 'removed')
		throw new DomainError('conflict', { extra: { reason: 'proposal_removed' } });
	await db.transaction(async (tx) => {
		await tx
			.update(proposals)
			.set(
				decision === 'restore' ? { moderation: 'visible', reports: 0 } : { moderation: 'removed' }
			)
			.where(eq(proposals.id, proposalId));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'proposal.moderated',
			subjectType: 'proposal',
			subjectId: proposalId,
			details: { organisationId: consultation.organisationId, decision }
		});
	});
	publish('consultation.changed', { consultationId: consultation.id });
	return getProposal(actor, proposalId);
}

/** Proposals waiting for a coordinator's look (hidden by reports), for the organisers' page. */
export async function proposalsToModerate(actor: Actor | null, consultationId: string) {
	const consultation = await loadConsultation(actor, consultationId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	const rows = await db
		.select(selection)
		.from(proposals)
		.leftJoin(users, eq(users.id, proposals.authorId))
		.where(and(eq(proposals.consultationId, consultationId), ne(proposals.moderation, 'visible')))
		.orderBy(desc(proposals.createdAt));
	return rows.map((r) => toView(r, actor, new Set()));
}
