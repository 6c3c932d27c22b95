import { and, asc, desc, eq, lte, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { actorById, authorize, roleIn, type Actor } from '../auth/actor';
import { HOUR, now } from '../clock';
import { config } from '../config';
import { db, type Transaction } from '../db/client';
import { claims, handovers, needParts, needs, organisations, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { atClaimCap, claimExpiry, expireClaims, lockNeed, lockPerson, skillsOf } from './claims';
import { recordHistory } from './history';
import { canNeed, claimDenial, qualifiesFor } from './policy';
import { loadForActor, seeNeed } from './service';
import { needTarget } from './views';
import type { AnswerHandoverInput, RequestHandoverInput } from '$lib/shared/schemas/handovers';
import type { HandoverView } from '$lib/shared/views/needs';

export type { HandoverView };

type HandoverRow = typeof handovers.$inferSelect;
type Answer = 'accepted' | 'refused' | 'auto_approved';

const holders = alias(users, 'holders');
const requesters = alias(users, 'requesters');

function selectHandovers() {
	return db
		.select({
			handover: handovers,
			needTitle: needs.title,
			partTitle: needParts.title,
			holderId: claims.userId,
			holderName: holders.name,
			requesterName: requesters.name,
			organisationName: organisations.name
		})
		.from(handovers)
		.innerJoin(needs, eq(needs.id, handovers.needId))
		.innerJoin(claims, eq(claims.id, handovers.claimId))
		.innerJoin(needParts, eq(needParts.id, claims.partId))
		.innerJoin(holders, eq(holders.id, claims.userId))
		.innerJoin(requesters, eq(requesters.id, handovers.requesterId))
		.leftJoin(organisations, eq(organisations.id, handovers.organisationId));
}

type SelectedHandover = Awaited<ReturnType<typeof selectHandovers>>[number];

function toView(r: SelectedHandover, seesHolder: boolean): HandoverView {
	const h = r.handover;
	return {
		id: h.id,
		needId: h.needId,
		needTitle: r.needTitle,
		claimId: h.claimId,
		partTitle: r.partTitle,
		holder: seesHolder ? { id: r.holderId, name: r.holderName } : null,
		requester: { id: h.requesterId, name: r.requesterName },
		organisation:
			h.organisationId && r.organisationName
				? { id: h.organisationId, name: r.organisationName }
				: null,
		reason: h.reason,
		status: h.status,
		answerNote: h.answerNote,
		createdAt: h.createdAt.toISOString(),
		answeredAt: h.answeredAt?.toISOString() ?? null,
		autoApproveAt: new Date(
			h.createdAt.getTime() + config().handoverAutoApproveHours * HOUR
		).toISOString()
	};
}

async function viewOf(handoverId: string, seesHolder: boolean) {
	const [row] = await selectHandovers().where(eq(handovers.id, handoverId));
	return toView(row, seesHolder);
}

/**
 * Asks for a slot of a need that is full: the holder of the named claim, or of the part's
 * longest-held claim with no request pending, is asked to hand it over. One request per claim
 * is pending at a time (unique index). Someone outside the need's circle does not learn who
 * the holder is; they hear the answer.
 */
export async function requestHandover(
	actor: Actor | null,
	needId: string,
	input: RequestHandoverInput
): Promise<HandoverView> {
	authorize(actor, actor !== null);
	const { row, holds } = await loadForActor(actor, needId);
	authorize(
		actor,
		canNeed(actor, 'askHandover', needTarget(row.need, false)),
		claimDenial(actor, needTarget(row.need))
	);
	if (input.organisationId) {
		const role = roleIn(actor, input.organisationId);
		authorize(actor, role === 'operator' || role === 'coordinator');
	}
	if (row.need.status !== 'open' && row.need.status !== 'in_progress')
		throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
	const parts = input.partId ? row.parts.filter((p) => p.id === input.partId) : row.parts;
	if (input.partId && parts.length === 0)
		throw new DomainError('invalid_input', { fields: { partId: 'v_invalid' } });
	const claimed = row.activeClaims.filter((c) =>
		input.claimId ? c.id === input.claimId : parts.some((p) => p.id === c.partId)
	);
	if (input.claimId && claimed.length === 0)
		throw new DomainError('invalid_input', { fields: { claimId: 'v_invalid' } });
	const taken = (partId: string) => row.activeClaims.filter((c) => c.partId === partId).length;
	// With a free slot there is nothing to hand over: it can be taken at once.
	if (!input.claimId && parts.some((p) => taken(p.id) < p.capacity))
		throw new DomainError('conflict', { extra: { reason: 'part_has_room' } });
	// One slot per person and part: a part one already helps with is not asked for again.
	const mine = new Set(row.activeClaims.filter((c) => c.userId === actor.id).map((c) => c.partId));
	const notMine = claimed.filter((c) => !mine.has(c.partId));
	if (notMine.length === 0)
		throw new DomainError('conflict', { extra: { reason: 'already_helping' } });
	// The qualification gate holds for a slot handed over as for one claimed.
	const skillIds = row.parts.some((p) => p.requiredSkill) ? await skillsOf(db, actor.id) : [];
	const candidates = notMine.filter((c) =>
		qualifiesFor(skillIds, {
			requiredSkillId: row.parts.find((p) => p.id === c.partId)?.requiredSkill?.id ?? null
		})
	);
	if (candidates.length === 0)
		throw new DomainError('conflict', { extra: { reason: 'not_qualified' } });

	const created = await db.transaction(async (tx) => {
		// The need's lock orders this request with answers, releases and other requests.
		const locked = await lockNeed(tx, needId);
		if (locked.status !== 'open' && locked.status !== 'in_progress')
			throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
		if (await atClaimCap(tx, actor.id))
			throw new DomainError('conflict', { extra: { reason: 'claim_limit' } });
		const [pending, active] = await Promise.all([
			tx
				.select({
					claimId: handovers.claimId,
					requesterId: handovers.requesterId,
					partId: claims.partId
				})
				.from(handovers)
				.innerJoin(claims, eq(claims.id, handovers.claimId))
				.where(and(eq(handovers.needId, needId), eq(handovers.status, 'pending'))),
			tx
				.select({ id: claims.id })
				.from(claims)
				.where(and(eq(claims.needId, needId), eq(claims.status, 'active')))
		]);
		const asked = new Set(pending.map((p) => p.claimId));
		// One request of a person per part: two accepted at once would seat them twice.
		const askedParts = new Set(
			pending.filter((p) => p.requesterId === actor.id).map((p) => p.partId)
		);
		const stillHeld = new Set(active.map((c) => c.id));
		const target = candidates.find(
			(c) => stillHeld.has(c.id) && !asked.has(c.id) && !askedParts.has(c.partId)
		);
		if (!target) throw new DomainError('conflict', { extra: { reason: 'handover_pending' } });
		const [handover] = await tx
			.insert(handovers)
			.values({
				needId,
				claimId: target.id,
				requesterId: actor.id,
				organisationId: input.organisationId ?? null,
				reason: input.reason,
				createdAt: now()
			})
			.returning();
		await recordHistory(tx, needId, actor.id, 'handover_requested', {
			handoverId: handover.id,
			claimId: target.id,
			holderId: target.userId,
			organisationId: input.organisationId ?? null,
			reason: input.reason
		});
		return handover;
	});
	publish('handover.requested', { handoverId: created.id });
	return viewOf(created.id, canNeed(actor, 'viewHistory', needTarget(row.need, holds)));
}

/**
 * Ends a pending request with an answer. Accepting (or the clock approving) moves the slot
 * within one transaction: the holder's claim ends as handed over and the requester holds the
 * same slot, so the part's capacity never moves. A claim that ended meanwhile lapses the request.
 */
async function settle(
	tx: Transaction,
	handover: HandoverRow,
	answer: Answer,
	answeredBy: string | null,
	note = ''
): Promise<HandoverRow['status']> {
	const [claim] = await tx.select().from(claims).where(eq(claims.id, handover.claimId));
	const [requesterClaim] = await tx
		.select({ id: claims.id })
		.from(claims)
		.where(
			and(
				eq(claims.partId, claim.partId),
				eq(claims.userId, handover.requesterId),
				eq(claims.status, 'active')
			)
		);
	const [need] = await tx.select().from(needs).where(eq(needs.id, handover.needId));
	const open = need.status === 'open' || need.status === 'in_progress';
	// Nobody outside the need's rule takes it over, by an answer or by the clock (they may have
	// lost their trust since asking).
	const requester = await actorById(handover.requesterId, tx);
	const permitted = requester !== null && canNeed(requester, 'askHandover', needTarget(need));
	// The requester's claims are counted after the need's lock, as claiming does: the cap holds.
	await lockPerson(tx, handover.requesterId);
	const full = await atClaimCap(tx, handover.requesterId);
	const status =
		claim.status !== 'active' || requesterClaim || !open || full || !permitted ? 'lapsed' : answer;
	await tx
		.update(handovers)
		.set({ status, answerNote: note, answeredAt: now() })
		.where(eq(handovers.id, handover.id));
	const details: Record<string, unknown> = {
		handoverId: handover.id,
		claimId: claim.id,
		holderId: claim.userId,
		requesterId: handover.requesterId,
		...(note ? { note } : {})
	};
	if (status === 'accepted' || status === 'auto_approved') {
		await tx
			.update(claims)
			.set({ status: 'released', endedAt: now(), endReason: 'handed_over' })
			.where(eq(claims.id, claim.id));
		const [taken] = await tx
			.insert(claims)
			.values({
				needId: handover.needId,
				partId: claim.partId,
				userId: handover.requesterId,
				slot: claim.slot,
				expiresAt: await claimExpiry(tx, need.categoryId),
				lastActivityAt: now()
			})
			.returning({ id: claims.id });
		details.newClaimId = taken.id;
	}
	await recordHistory(tx, handover.needId, answeredBy, `handover_${status}`, details);
	return status;
}

function announce(handover: HandoverRow, status: HandoverRow['status']) {
	publish('handover.answered', { handoverId: handover.id });
	publish('need.updated', { needId: handover.needId });
	if (status === 'accepted' || status === 'auto_approved')
		publish('need.claimed', { needId: handover.needId, userId: handover.requesterId });
}

/** The holder accepts or refuses a request for their claim. */
export async function answerHandover(
	actor: Actor | null,
	handoverId: string,
	input: AnswerHandoverInput
): Promise<HandoverView> {
	authorize(actor, actor !== null);
	const [found] = await db
		.select({ needId: handovers.needId })
		.from(handovers)
		.where(eq(handovers.id, handoverId));
	if (!found) throw new DomainError('not_found');
	const { handover, status } = await db.transaction(async (tx) => {
		// The need first, as every change of its claims does: no deadlock with a release.
		await lockNeed(tx, found.needId);
		const [handover] = await tx.select().from(handovers).where(eq(handovers.id, handoverId));
		const [claim] = await tx
			.select({ userId: claims.userId })
			.from(claims)
			.where(eq(claims.id, handover.claimId));
		if (claim.userId !== actor.id) {
			// The requester may read their own request but not answer it; others never see it.
			if (handover.requesterId === actor.id) authorize(actor, false);
			throw new DomainError('not_found');
		}
		if (handover.status !== 'pending')
			throw new DomainError('conflict', { extra: { reason: 'handover_answered' } });
		await expireClaims(tx, handover.needId);
		// Answering is the holder doing something for the person: the claim is not stale.
		await tx.update(claims).set({ lastActivityAt: now() }).where(eq(claims.id, handover.claimId));
		const answer = input.accept ? 'accepted' : 'refused';
		return { handover, status: await settle(tx, handover, answer, actor.id, input.note) };
	});
	announce(handover, status);
	return viewOf(handoverId, true);
}

/**
 * Approves every request left unanswered past HANDOVER_AUTO_APPROVE_HOURS. Each is settled in
 * its own transaction behind a row lock and a status check, so two nodes sweeping at once
 * settle it once. Returns how many were settled.
 */
export async function sweepHandovers(): Promise<number> {
	const due = new Date(now().getTime() - config().handoverAutoApproveHours * HOUR);
	const waiting = await db
		.select({ id: handovers.id, needId: handovers.needId })
		.from(handovers)
		.where(and(eq(handovers.status, 'pending'), lte(handovers.createdAt, due)))
		.orderBy(asc(handovers.createdAt))
		.limit(100);
	let settled = 0;
	for (const { id, needId } of waiting) {
		const done = await db.transaction(async (tx) => {
			await lockNeed(tx, needId);
			const [handover] = await tx
				.select()
				.from(handovers)
				.where(and(eq(handovers.id, id), eq(handovers.status, 'pending')));
			if (!handover) return undefined;
			await expireClaims(tx, handover.needId);
			return { handover, status: await settle(tx, handover, 'auto_approved', null) };
		});
		if (!done) continue;
		announce(done.handover, done.status);
		settled++;
	}
	return settled;
}

/**
 * The handover requests of a need: all of them for those who see its helpers (author,
 * organisation, helpers), otherwise only the ones the asker made.
 */
export async function listHandovers(actor: Actor | null, needId: string): Promise<HandoverView[]> {
	authorize(actor, actor !== null);
	const { row, holds } = await seeNeed(actor, needId);
	return handoversOf(actor, needId, canNeed(actor, 'viewHistory', needTarget(row.need, holds)));
}

/** A need's requests as `listHandovers` answers them, for a caller that checked the need. */
export async function handoversOf(
	actor: Actor,
	needId: string,
	insider: boolean
): Promise<HandoverView[]> {
	const rows = await selectHandovers()
		.where(
			and(eq(handovers.needId, needId), insider ? undefined : eq(handovers.requesterId, actor.id))
		)
		.orderBy(desc(handovers.createdAt))
		.limit(100);
	return rows.map((r) => toView(r, insider));
}

/** Requests waiting for this person's answer, or that they made and are still pending. */
export async function pendingHandoversOf(actor: Actor | null): Promise<HandoverView[]> {
	authorize(actor, actor !== null);
	const rows = await selectHandovers()
		.where(
			and(
				eq(handovers.status, 'pending'),
				or(eq(claims.userId, actor.id), eq(handovers.requesterId, actor.id))
			)
		)
		.orderBy(asc(handovers.createdAt))
		.limit(100);
	return rows.map((r) => toView(r, r.holderId === actor.id));
}

/**
 * Requests waiting on the needs of an organisation, for its operators and coordinators: who
 * asked and why, with the holder's name (the organisation sees its needs' helpers). Oldest
 * first: the first to be approved by itself.
 */
export async function pendingHandoversOfOrganisation(
	actor: Actor | null,
	organisationId: string
): Promise<HandoverView[]> {
	const role = roleIn(actor, organisationId);
	authorize(actor, role === 'operator' || role === 'coordinator');
	const rows = await selectHandovers()
		.where(and(eq(handovers.status, 'pending'), eq(needs.organisationId, organisationId)))
		.orderBy(asc(handovers.createdAt))
		.limit(100);
	return rows.map((r) => toView(r, true));
}
