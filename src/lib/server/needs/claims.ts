import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { HOUR, now } from '../clock';
import { config } from '../config';
import { db, currentDatabase, type Executor, type Transaction } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { categories, claims, needParts, needs, profiles, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { enforceLimit } from '../limits';
import { recordHistory } from './history';
import { canNeed, claimDenial, qualifiesFor } from './policy';
import { needTarget } from './views';

/** Claims and releases share one budget per person: a loop of both would read every contact. */
const limitClaims = (userId: string) =>
	enforceLimit(`claims:${userId}`, config().rateLimits.claimsPerPerson);

/** Completed claims that raise a person's cap by one, up to twice the base. */
const COMPLETIONS_PER_EXTRA_CLAIM = 3;

/**
 * Orders the changes of one need's claims (releases, handovers): the first takes the need's row,
 * the others wait. `no key update`, so that inserting a claim (whose foreign key shares the row)
 * is never blocked by it, which would deadlock with a release.
 */
export async function lockNeed(tx: Transaction, needId: string) {
	const [row] = await tx.select().from(needs).where(eq(needs.id, needId)).for('no key update');
	return row;
}

/** A person's claims are counted and changed one transaction at a time (after the need's lock). */
export async function lockPerson(tx: Transaction, userId: string) {
	await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
}

/** Claims past their time become `expired`, each in the history. Returns the needs touched. */
export async function expireClaims(tx: Transaction, needId?: string): Promise<string[]> {
	const expired = await tx
		.update(claims)
		.set({ status: 'expired', endedAt: now(), endReason: 'expired' })
		.where(
			and(
				eq(claims.status, 'active'),
				lte(claims.expiresAt, now()),
				needId ? eq(claims.needId, needId) : undefined
			)
		)
		.returning();
	for (const c of expired)
		await recordHistory(tx, c.needId, null, 'expired', { claimId: c.id, userId: c.userId });
	const touched = [...new Set(expired.map((c) => c.needId))];
	for (const id of touched) await syncStatus(tx, id);
	return touched;
}

/** open ⇄ in_progress follows whether anyone holds a claim; fulfilled and closed stay. */
export async function syncStatus(tx: Transaction, needId: string) {
	const [{ n }] = await tx
		.select({ n: count() })
		.from(claims)
		.where(and(eq(claims.needId, needId), eq(claims.status, 'active')));
	await tx
		.update(needs)
		.set({ status: n > 0 ? 'in_progress' : 'open', updatedAt: now() })
		.where(
			and(
				eq(needs.id, needId),
				inArray(needs.status, ['open', 'in_progress']),
				sql`${needs.status} <> ${n > 0 ? 'in_progress' : 'open'}`
			)
		);
}

/** The periodic sweep: releases every expired claim. */
export async function sweepExpiredClaims(): Promise<number> {
	const due = await db
		.selectDistinct({ needId: claims.needId })
		.from(claims)
		.where(and(eq(claims.status, 'active'), lte(claims.expiresAt, now())))
		.limit(500);
	let touched = 0;
	for (const { needId } of due) touched += (await expireClaimsOf(needId)) ? 1 : 0;
	return touched;
}

/**
 * Releases a need's expired claims (when it is read, so nobody sees a stale "taken", and by the
 * sweep), each need in its own transaction behind its lock. Reading finds nothing to do
 * almost always: only then is the lock taken.
 */
export async function expireClaimsOf(needId: string): Promise<boolean> {
	const [expired] = await db
		.select({ id: claims.id })
		.from(claims)
		.where(
			and(eq(claims.needId, needId), eq(claims.status, 'active'), lte(claims.expiresAt, now()))
		)
		.limit(1);
	if (!expired) return false;
	const touched = await db.transaction(async (tx) => {
		await lockNeed(tx, needId);
		return expireClaims(tx, needId);
	});
	for (const id of touched) publish('need.updated', { needId: id });
	return touched.length > 0;
}

/** When a claim taken now on a need of this category expires (the category's hours, 72 by default). */
export async function claimExpiry(tx: Transaction, categoryId: string): Promise<Date> {
	const [category] = await tx
		.select({ hours: categories.claimHours })
		.from(categories)
		.where(eq(categories.id, categoryId));
	return new Date(now().getTime() + (category?.hours ?? 72) * HOUR);
}

/**
 * Whether a person holds as many claims as they may: the base cap, plus one per few completed
 * (up to twice the base).
 */
export async function atClaimCap(tx: Transaction, userId: string): Promise<boolean> {
	const [{ held, completed }] = await tx
		.select({
			held: sql<number>`count(*) filter (where ${claims.status} = 'active')`.mapWith(Number),
			completed: sql<number>`count(*) filter (where ${claims.status} = 'completed')`.mapWith(Number)
		})
		.from(claims)
		.where(eq(claims.userId, userId));
	const base = config().claimCap;
	return held >= Math.min(base * 2, base + Math.floor(completed / COMPLETIONS_PER_EXTRA_CLAIM));
}

/** The skills a person's profile names now (none without a profile). */
export async function skillsOf(tx: Executor, userId: string): Promise<string[]> {
	const [row] = await tx
		.select({ skillIds: profiles.skillIds })
		.from(profiles)
		.where(eq(profiles.userId, userId));
	return row?.skillIds ?? [];
}

/**
 * Inserts a claim on the lowest free slot of a part. Another person may take that slot between
 * the look and the insert: the unique index refuses the second insert (inside a savepoint), and
 * the next free slot is tried, as many times as the part has slots. Returns undefined when the
 * part is full, 'mine' when the person already holds one of its slots.
 */
async function takeSlot(
	tx: Transaction,
	needId: string,
	part: { id: string; capacity: number },
	userId: string,
	expiresAt: Date
): Promise<{ id: string } | 'mine' | undefined> {
	for (let attempt = 0; attempt < part.capacity; attempt++) {
		const result = await tx
			.transaction(async (sp) => {
				const rows = currentDatabase().rows<{ id: string }>(
					await sp.execute(sql`
						insert into ${claims} (need_id, part_id, user_id, slot, expires_at)
						select ${needId}, ${part.id}, ${userId}, s.slot, ${expiresAt.toISOString()}::timestamptz
						from generate_series(1, ${part.capacity}) as s(slot)
						where not exists (
							select 1 from ${claims} c where c.part_id = ${part.id} and c.slot = s.slot and c.status = 'active')
						order by s.slot
						limit 1
						returning id`)
				);
				return rows[0];
			})
			.catch((error) => {
				if (!isUniqueViolation(error)) throw error;
				return 'lost' as const;
			});
		if (result !== 'lost') return result;
		const [mine] = await tx
			.select({ id: claims.id })
			.from(claims)
			.where(
				and(eq(claims.partId, part.id), eq(claims.userId, userId), eq(claims.status, 'active'))
			);
		if (mine) return 'mine';
	}
	return undefined;
}

/**
 * Takes one slot of a part (the first part with room when none is named). The database decides:
 * the insert picks a free slot numbered 1..capacity, and a unique index lets one holder per slot;
 * when two people race for the last slot one of them gets `already_claimed`, never a 5xx.
 */
export async function claimNeed(actor: Actor | null, needId: string, partId: string | null = null) {
	authorize(actor, actor !== null);
	await limitClaims(actor.id);
	const result = await db.transaction((tx) => takeClaim(tx, actor, needId, partId));
	publish('need.updated', { needId });
	publish('need.claimed', { needId, userId: actor.id });
	return result;
}

/**
 * A claim inside a caller's transaction, with every rule of claims (visibility, the need's
 * rule, closed needs, the person's cap, free slots): accepting an offer request for a need
 * takes one this way, so that either both happen or neither. The caller publishes.
 */
export async function takeClaim(
	tx: Transaction,
	actor: Actor,
	needId: string,
	partId: string | null = null
) {
	// Every change of a need's claims takes its row first, then the person's (their claims are
	// counted one at a time, for the cap): one order everywhere, so no two can deadlock.
	// `no key update` leaves the foreign keys of other inserts free.
	const need = await lockNeed(tx, needId);
	await lockPerson(tx, actor.id);
	await expireClaims(tx, needId);
	if (!need || !canNeed(actor, 'view', needTarget(need))) throw new DomainError('not_found');
	authorize(actor, canNeed(actor, 'claim', needTarget(need)), claimDenial(actor, needTarget(need)));
	if (need.status !== 'open' && need.status !== 'in_progress')
		throw new DomainError('conflict', { extra: { reason: 'need_closed' } });

	if (await atClaimCap(tx, actor.id))
		throw new DomainError('conflict', { extra: { reason: 'claim_limit' } });

	const parts = await tx
		.select()
		.from(needParts)
		.where(eq(needParts.needId, needId))
		.orderBy(asc(needParts.position));
	const named = partId ? parts.filter((p) => p.id === partId) : parts;
	if (partId && named.length === 0)
		throw new DomainError('invalid_input', { fields: { partId: 'v_invalid' } });
	// The qualification gate: a part that requires a skill, only with that skill in one's
	// profile, read in this transaction (the person's row is locked above).
	const skillIds = parts.some((p) => p.requiredSkillId !== null)
		? await skillsOf(tx, actor.id)
		: [];
	const candidates = named.filter((p) => qualifiesFor(skillIds, p));
	if (candidates.length === 0)
		throw new DomainError('conflict', { extra: { reason: 'not_qualified' } });
	const expiresAt = await claimExpiry(tx, need.categoryId);

	for (const part of candidates) {
		const claim = await takeSlot(tx, needId, part, actor.id, expiresAt);
		if (claim === 'mine')
			throw new DomainError('conflict', { extra: { reason: 'already_helping' } });
		if (!claim) continue;
		await recordHistory(tx, needId, actor.id, 'claimed', {
			claimId: claim.id,
			partId: part.id,
			partTitle: part.title
		});
		await syncStatus(tx, needId);
		return {
			id: claim.id,
			needId,
			partId: part.id,
			userId: actor.id,
			expiresAt: expiresAt.toISOString()
		};
	}
	throw new DomainError('already_claimed');
}

/** Gives back one's claims on a need (all of them, or one part's), with an optional reason. */
export async function releaseClaims(
	actor: Actor | null,
	needId: string,
	reason = '',
	partId: string | null = null
) {
	authorize(actor, actor !== null);
	await limitClaims(actor.id);
	await db.transaction(async (tx) => {
		const need = await lockNeed(tx, needId);
		if (!need || !canNeed(actor, 'view', needTarget(need))) throw new DomainError('not_found');
		const released = await tx
			.update(claims)
			.set({ status: 'released', endedAt: now(), endReason: reason || 'released' })
			.where(
				and(
					eq(claims.needId, needId),
					eq(claims.userId, actor.id),
					eq(claims.status, 'active'),
					partId ? eq(claims.partId, partId) : undefined
				)
			)
			.returning();
		if (released.length === 0) throw new DomainError('not_found');
		for (const c of released)
			await recordHistory(tx, needId, actor.id, 'released', {
				claimId: c.id,
				partId: c.partId,
				reason
			});
		await syncStatus(tx, needId);
	});
	publish('need.updated', { needId });
}

/** One click: the holder's claim runs for another full period from now. */
export async function extendClaim(actor: Actor | null, needId: string, claimId: string) {
	authorize(actor, actor !== null);
	const expiresAt = await db.transaction(async (tx) => {
		const need = await lockNeed(tx, needId);
		if (!need) throw new DomainError('not_found');
		await expireClaims(tx, needId);
		const until = await claimExpiry(tx, need.categoryId);
		const [claim] = await tx
			.update(claims)
			.set({ expiresAt: until })
			.where(
				and(
					eq(claims.id, claimId),
					eq(claims.needId, needId),
					eq(claims.userId, actor.id),
					eq(claims.status, 'active')
				)
			)
			.returning();
		if (!claim) throw new DomainError('not_found');
		await recordHistory(tx, needId, actor.id, 'extended', { claimId, until: until.toISOString() });
		return until;
	});
	publish('need.updated', { needId });
	return { expiresAt: expiresAt.toISOString() };
}

/**
 * Ends every active claim of these needs at once: `completed` when the need is being completed,
 * `released` (with why) when the help was not given: a duplicate, or a request that closed.
 */
export async function endActiveClaims(
	tx: Transaction,
	needIds: string[],
	status: 'completed' | 'released',
	reason: string,
	at: Date = now()
) {
	if (!needIds.length) return;
	await tx
		.update(claims)
		.set({ status, endedAt: at, endReason: reason })
		.where(and(inArray(claims.needId, needIds), eq(claims.status, 'active')));
}
