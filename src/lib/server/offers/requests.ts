import { and, desc, eq, sql } from 'drizzle-orm';
import { actorById, authorize, refuse, requireVerified, type Actor } from '../auth/actor';
import { ensureDirectChannel } from '../channels/for-offers';
import { db, type Executor } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { offerRequests, offers, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { needAskedFor, mayTakeNeed, needTitles, takeClaim } from '../needs/for-offers';
import { refuseIfBlockedBy } from '../people/blocks';
import { recordOfferHistory } from './history';
import { canOffer } from './policy';
import { offerStatus, offerTarget, openOffers } from './views';
import type { OfferDecisionInput, OfferRequestInput } from '$lib/shared/schemas/offers';
import type { OfferRequestView } from '$lib/shared/views/offers';

type OfferRecord = typeof offers.$inferSelect;
type RequestRecord = typeof offerRequests.$inferSelect;

/** Why an offer cannot be asked for now, as the API's reason, or null when it can. */
function unavailable(offer: OfferRecord): 'offer_closed' | 'offer_full' | null {
	const status = offerStatus(offer);
	if (status === 'closed' || status === 'paused') return 'offer_closed';
	return status === 'full' ? 'offer_full' : null;
}

/**
 * Someone asks for an offer, for themselves or for one of their needs (an operator for the
 * person they follow). Refused at once when the offer's author could not take that need: its
 * claim rule or a skill it requires. One live request per person and offer (a unique index).
 */
export async function requestOffer(
	actor: Actor | null,
	offerId: string,
	input: OfferRequestInput
): Promise<{ id: string; offerId: string; needId: string | null; status: 'pending' }> {
	requireVerified(actor);
	const id = await db.transaction(async (tx) => {
		const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId));
		if (!offer || !canOffer(actor, 'view', offerTarget(offer))) throw new DomainError('not_found');
		if (offer.authorId === actor.id) refuse(actor, 'own_offer');
		const reason = unavailable(offer);
		if (reason) throw new DomainError('conflict', { extra: { reason } });
		await refuseIfBlockedBy(tx, actor.id, [offer.authorId]);
		if (input.needId) {
			await needAskedFor(tx, actor, input.needId);
			await assertAuthorMayTake(tx, offer.authorId, input.needId);
		}
		const [request] = await tx
			.transaction((sp) =>
				sp
					.insert(offerRequests)
					.values({
						offerId,
						requesterId: actor.id,
						needId: input.needId,
						message: input.message
					})
					.returning({ id: offerRequests.id })
			)
			.catch((error) => {
				if (isUniqueViolation(error))
					throw new DomainError('conflict', { extra: { reason: 'already_requested' } });
				throw error;
			});
		await recordOfferHistory(tx, offerId, actor.id, 'requested', {
			requestId: request.id,
			needId: input.needId
		});
		return request.id;
	});
	publish('offer_request.created', { requestId: id });
	// Its page shows the request to who answers it, live.
	publish('offer.updated', { offerId });
	return { id, offerId, needId: input.needId, status: 'pending' };
}

/** The offer's author must be able to take the need on (its rule; a part's required skill). */
async function assertAuthorMayTake(tx: Executor, authorId: string, needId: string) {
	const author = await actorById(authorId, tx);
	if (!author || !(await mayTakeNeed(tx, author, needId)))
		throw new DomainError('conflict', { extra: { reason: 'not_eligible' } });
}

async function loadRequest(actor: Actor, requestId: string) {
	const [found] = await db
		.select({ request: offerRequests, offer: offers })
		.from(offerRequests)
		.innerJoin(offers, eq(offers.id, offerRequests.offerId))
		.where(eq(offerRequests.id, requestId));
	// Only its two sides know a request exists.
	const side =
		found &&
		(found.request.requesterId === actor.id || canOffer(actor, 'decide', offerTarget(found.offer)));
	if (!side) throw new DomainError('not_found');
	return found;
}

/** Moves a request from one state to the next, if nobody moved it first. */
async function moveRequest(
	tx: Executor,
	request: RequestRecord,
	from: RequestRecord['status'],
	to: RequestRecord['status'],
	set: Partial<RequestRecord> = {}
) {
	const [moved] = await tx
		.update(offerRequests)
		.set({ status: to, decidedAt: new Date(), ...set })
		.where(and(eq(offerRequests.id, request.id), eq(offerRequests.status, from)))
		.returning();
	if (!moved) throw new DomainError('conflict', { extra: { reason: 'request_answered' } });
	return moved;
}

/**
 * The offer's author (or, for an organisation's offer, its operators and coordinators) accepts
 * or declines; either side cancels, or says it is done. Accepting takes one unit of capacity
 * with a conditional update: never more accepted than the capacity, whatever runs at once.
 * With a need, accepting also gives the offer's author a claim on it, in the same transaction
 * and with every rule of claims: if the claim is refused, nothing is accepted.
 */
export async function decideOfferRequest(
	actor: Actor | null,
	requestId: string,
	input: OfferDecisionInput
): Promise<OfferRequestView> {
	authorize(actor, actor !== null);
	const { request, offer } = await loadRequest(actor, requestId);
	const decider = canOffer(actor, 'decide', offerTarget(offer));
	const requester = request.requesterId === actor.id;
	const events: (() => void)[] = [];
	await db.transaction(async (tx) => {
		switch (input.decision) {
			case 'accept': {
				authorize(actor, decider);
				await moveRequest(tx, request, 'pending', 'accepted', { note: input.note });
				await takeUnit(tx, offer.id);
				let claimId: string | null = null;
				if (request.needId) {
					const author = await actorById(offer.authorId, tx);
					if (!author) throw new DomainError('conflict', { extra: { reason: 'not_eligible' } });
					const claim = await takeClaim(tx, author, request.needId).catch((error) => {
						// Full: `already_claimed`, as for anyone; any other refusal: not eligible.
						if (error instanceof DomainError && error.code !== 'already_claimed')
							throw new DomainError('conflict', { extra: { reason: 'not_eligible' } });
						throw error;
					});
					claimId = claim.id;
					const needId = request.needId;
					events.push(
						() => publish('need.updated', { needId }),
						() => publish('need.claimed', { needId, userId: offer.authorId })
					);
				}
				const channel = await ensureDirectChannel(tx, offer.authorId, request.requesterId);
				await tx
					.update(offerRequests)
					.set({ channelId: channel.id, claimId })
					.where(eq(offerRequests.id, request.id));
				if (channel.created)
					for (const userId of [offer.authorId, request.requesterId])
						events.push(() => publish('channel.joined', { channelId: channel.id, userId }));
				break;
			}
			case 'decline':
				authorize(actor, decider);
				await moveRequest(tx, request, 'pending', 'declined', { note: input.note });
				break;
			case 'cancel':
				authorize(actor, decider || requester);
				if (request.status === 'accepted') {
					// Cancelled before it was done: its unit goes back to the offer.
					await moveRequest(tx, request, 'accepted', 'cancelled', { note: input.note });
					await tx
						.update(offers)
						.set({ acceptedCount: sql`${offers.acceptedCount} - 1`, updatedAt: new Date() })
						.where(eq(offers.id, offer.id));
				} else await moveRequest(tx, request, 'pending', 'cancelled', { note: input.note });
				break;
			case 'done':
				authorize(actor, decider || requester);
				await moveRequest(tx, request, 'accepted', 'done', { note: input.note });
				break;
		}
		const action = {
			accept: 'accepted',
			decline: 'declined',
			cancel: 'cancelled',
			done: 'done'
		} as const;
		await recordOfferHistory(tx, offer.id, actor.id, action[input.decision], {
			requestId: request.id
		});
	});
	publish('offer.updated', { offerId: offer.id });
	publish('offer_request.decided', { requestId: request.id, byId: actor.id });
	for (const event of events) event();
	const [view] = await requestViews(sql`${offerRequests.id} = ${request.id}`);
	return view;
}

/**
 * One unit of the offer's capacity, or `offer_full` / `offer_closed`. The update's condition
 * is the invariant (beside the table's check): at most `capacity` accepted, ever.
 */
async function takeUnit(tx: Executor, offerId: string) {
	const [taken] = await tx
		.update(offers)
		.set({ acceptedCount: sql`${offers.acceptedCount} + 1`, updatedAt: new Date() })
		.where(and(eq(offers.id, offerId), openOffers()))
		.returning({ id: offers.id });
	if (taken) return;
	const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId));
	throw new DomainError('conflict', { extra: { reason: unavailable(offer) ?? 'offer_full' } });
}

/** Requests shaped for their two sides, newest first. */
async function requestViews(where: ReturnType<typeof sql>): Promise<OfferRequestView[]> {
	const rows = await db
		.select({ request: offerRequests, offerTitle: offers.title, requesterName: users.name })
		.from(offerRequests)
		.innerJoin(offers, eq(offers.id, offerRequests.offerId))
		.innerJoin(users, eq(users.id, offerRequests.requesterId))
		.where(where)
		.orderBy(desc(offerRequests.createdAt))
		.limit(100);
	const titles = await needTitles(
		db,
		rows.flatMap((r) => (r.request.needId ? [r.request.needId] : []))
	);
	return rows.map(({ request: r, offerTitle, requesterName }) => ({
		id: r.id,
		offerId: r.offerId,
		offerTitle,
		needId: r.needId,
		needTitle: r.needId ? (titles.get(r.needId) ?? null) : null,
		requesterId: r.requesterId,
		requesterName,
		message: r.message,
		status: r.status,
		note: r.note,
		channelId: r.channelId,
		createdAt: r.createdAt.toISOString(),
		decidedAt: r.decidedAt?.toISOString() ?? null
	}));
}

/** An offer's requests: all of them for those who answer them, one's own for a requester. */
export async function requestsOfOffer(actor: Actor, offer: OfferRecord) {
	if (canOffer(actor, 'decide', offerTarget(offer)))
		return requestViews(sql`${offerRequests.offerId} = ${offer.id}`);
	return requestViews(
		sql`${offerRequests.offerId} = ${offer.id} and ${offerRequests.requesterId} = ${actor.id}`
	);
}

/** What one asked for, and what was asked of one's offers: "What I'm helping with". */
export async function myOfferRequests(actor: Actor | null) {
	authorize(actor, actor !== null);
	const [asked, received] = await Promise.all([
		requestViews(sql`${offerRequests.requesterId} = ${actor.id}`),
		requestViews(
			sql`${offerRequests.offerId} in (select id from ${offers} where author_id = ${actor.id}) and ${offerRequests.status} in ('pending', 'accepted')`
		)
	]);
	return { asked, received };
}
