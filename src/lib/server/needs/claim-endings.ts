import { and, eq, sql } from 'drizzle-orm';
import { actorById, authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db, type Transaction } from '../db/client';
import { claims, memberships, needs } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { lockNeed, syncStatus } from './claims';
import { recordHistory } from './history';
import { canNeed } from './policy';
import { needTarget } from './views';
import type { FinishClaimInput } from '$lib/shared/schemas/needs';

/**
 * A need whose last active claim just ended as done, with at least one done and none active,
 * is fulfilled by itself: every helper who reported said it is done.
 */
async function fulfilIfAllDone(tx: Transaction, needId: string): Promise<boolean> {
	const [{ active, done }] = await tx
		.select({
			active: sql<number>`count(*) filter (where ${claims.status} = 'active')`.mapWith(Number),
			done: sql<number>`count(*) filter (where ${claims.status} = 'completed' and ${claims.endReason} = 'done')`.mapWith(
				Number
			)
		})
		.from(claims)
		.where(eq(claims.needId, needId));
	if (active > 0 || done === 0) return false;
	const fulfilled = await tx
		.update(needs)
		.set({ status: 'fulfilled', outcome: 'done', updatedAt: now(), closedAt: now() })
		.where(and(eq(needs.id, needId), sql`${needs.status} in ('open', 'in_progress')`))
		.returning({ id: needs.id });
	if (fulfilled.length) await recordHistory(tx, needId, null, 'fulfilled_by_helpers');
	return fulfilled.length > 0;
}

/**
 * A helper ends their own claim: `done` (the help was given) or `could_not` (the slot is free
 * again for someone else). It never touches anyone else's claim. The owners are told; when every
 * helper still on it has said done, the need is fulfilled.
 */
export async function finishClaim(
	actor: Actor | null,
	needId: string,
	claimId: string,
	input: FinishClaimInput
) {
	authorize(actor, actor !== null);
	const result = await db.transaction(async (tx) => {
		const need = await lockNeed(tx, needId);
		if (!need) throw new DomainError('not_found');
		const [claim] = await tx
			.select()
			.from(claims)
			.where(and(eq(claims.id, claimId), eq(claims.needId, needId), eq(claims.userId, actor.id)));
		if (!claim || !canNeed(actor, 'view', needTarget(need))) throw new DomainError('not_found');
		if (claim.status !== 'active')
			throw new DomainError('conflict', { extra: { reason: 'claim_ended' } });
		authorize(actor, canNeed(actor, 'finishClaim', needTarget(need, true)));
		const done = input.result === 'done';
		await tx
			.update(claims)
			.set({
				status: done ? 'completed' : 'released',
				endedAt: now(),
				endReason: input.result
			})
			.where(eq(claims.id, claimId));
		await recordHistory(tx, needId, actor.id, done ? 'claim_done' : 'claim_could_not', {
			claimId,
			partId: claim.partId,
			...(input.note ? { note: input.note } : {})
		});
		const fulfilled = done && (await fulfilIfAllDone(tx, needId));
		if (!fulfilled) await syncStatus(tx, needId);
		return { claimId, result: input.result, needStatus: fulfilled ? 'fulfilled' : undefined };
	});
	publish('need.updated', { needId });
	publish('claim.finished', { needId, claimId, userId: actor.id, result: input.result });
	return result;
}

/**
 * Ends every active claim a person may no longer hold: they left or were removed from the
 * organisation an organisation-only need belongs to, or lost the trust a `trusted` need asks
 * for. Access follows its reason: the need's contact and channel go with the claim.
 */
export async function endClaimsBeyondTrust(userId: string): Promise<string[]> {
	const held = await db
		.select({ claimId: claims.id, need: needs })
		.from(claims)
		.innerJoin(needs, eq(needs.id, claims.needId))
		.where(and(eq(claims.userId, userId), eq(claims.status, 'active')));
	if (!held.length) return [];
	const person = await actorById(userId);
	const lost = held.filter(
		({ need }) => !person || !canNeed(person, 'finishClaim', needTarget(need, true))
	);
	const touched: string[] = [];
	for (const { claimId, need } of lost) {
		const ended = await db.transaction(async (tx) => {
			await lockNeed(tx, need.id);
			const rows = await tx
				.update(claims)
				.set({ status: 'released', endedAt: now(), endReason: 'access_lost' })
				.where(and(eq(claims.id, claimId), eq(claims.status, 'active')))
				.returning({ id: claims.id, partId: claims.partId });
			if (!rows.length) return false;
			await recordHistory(tx, need.id, null, 'released', {
				claimId,
				partId: rows[0].partId,
				userId,
				reason: 'access_lost'
			});
			await syncStatus(tx, need.id);
			return true;
		});
		if (ended) touched.push(need.id);
	}
	for (const needId of new Set(touched)) publish('need.updated', { needId });
	return touched;
}

/** An organisation's verification changed: its people's claims follow their trust now. */
export async function endClaimsOfMembers(organisationId: string) {
	const people = await db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(eq(memberships.organisationId, organisationId));
	for (const { userId } of people) await endClaimsBeyondTrust(userId);
}
