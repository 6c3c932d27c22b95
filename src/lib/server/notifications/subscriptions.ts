import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db/client';
import {
	channels,
	claims,
	handovers,
	memberships,
	needs,
	offerRequests,
	offers,
	organisations,
	users
} from '../db/schema';
import { subscribe } from '../events/bus';
import { startActionNotifications } from './action-subscriptions';
import { startConsultationNotifications } from './consultation-subscriptions';
import { notify } from './service';

async function nameOf(userId: string) {
	const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
	return row?.name ?? '';
}

async function needOf(needId: string) {
	const [need] = await db
		.select({ title: needs.title, authorId: needs.authorId })
		.from(needs)
		.where(eq(needs.id, needId));
	return need;
}

async function handoverOf(handoverId: string) {
	const [row] = await db
		.select({ handover: handovers, holderId: claims.userId })
		.from(handovers)
		.innerJoin(claims, eq(claims.id, handovers.claimId))
		.where(eq(handovers.id, handoverId));
	return row;
}

async function offerRequestOf(requestId: string) {
	const [row] = await db
		.select({
			offerId: offers.id,
			title: offers.title,
			authorId: offers.authorId,
			requesterId: offerRequests.requesterId,
			status: offerRequests.status
		})
		.from(offerRequests)
		.innerJoin(offers, eq(offers.id, offerRequests.offerId))
		.where(eq(offerRequests.id, requestId));
	return row;
}

/** Who is told what: each event reaches only the people it concerns. Returns the unsubscriber. */
export function startNotifications(): () => void {
	const stops = [
		// Someone took on a need: its author hears who.
		subscribe('need.claimed', async ({ needId, userId }) => {
			const need = await needOf(needId);
			if (!need?.authorId || need.authorId === userId) return;
			await notify([need.authorId], 'claim_on_my_need', {
				needId,
				title: need.title,
				who: await nameOf(userId)
			});
		}),
		// A helper finished or gave back their part: the need's author and organisation's staff hear it.
		subscribe('claim.finished', async ({ needId, userId, result }) => {
			const [need] = await db
				.select({
					title: needs.title,
					authorId: needs.authorId,
					organisationId: needs.organisationId
				})
				.from(needs)
				.where(eq(needs.id, needId));
			if (!need) return;
			const staff = need.organisationId
				? await db
						.select({ userId: memberships.userId })
						.from(memberships)
						.where(
							and(
								eq(memberships.organisationId, need.organisationId),
								inArray(memberships.role, ['coordinator', 'operator'])
							)
						)
				: [];
			const owners = new Set([need.authorId, ...staff.map((s) => s.userId)]);
			owners.delete(userId);
			await notify(
				[...owners].filter((id): id is string => id !== null),
				'claim_finished',
				{
					needId,
					title: need.title,
					who: await nameOf(userId),
					result
				}
			);
		}),
		subscribe('message.mentioned', ({ message, channelName, userIds }) =>
			notify(userIds, 'mention', {
				channelId: message.channelId,
				channelName,
				who: message.authorName
			})
		),
		// The holder is asked; nobody else needs to hear it yet.
		subscribe('handover.requested', async ({ handoverId }) => {
			const row = await handoverOf(handoverId);
			const need = row && (await needOf(row.handover.needId));
			if (!need) return;
			await notify([row.holderId], 'handover_requested', {
				needId: row.handover.needId,
				title: need.title,
				who: await nameOf(row.handover.requesterId)
			});
		}),
		// The asker hears the answer; when the clock answered, so does the holder who lost the slot.
		subscribe('handover.answered', async ({ handoverId }) => {
			const row = await handoverOf(handoverId);
			const need = row && (await needOf(row.handover.needId));
			if (!need) return;
			const { status, requesterId, needId } = row.handover;
			const told = status === 'auto_approved' ? [requesterId, row.holderId] : [requesterId];
			await notify(told, 'handover_answered', { needId, title: need.title, answer: status });
		}),
		// Put into a group or an organisation by someone else: told at once, with who did it
		// (`byId`, so that they can block them).
		subscribe('person.added', async ({ userId, addedBy, channelId, organisationId }) => {
			if (userId === addedBy) return;
			const who = await nameOf(addedBy);
			if (channelId) {
				const [channel] = await db
					.select({ name: channels.name })
					.from(channels)
					.where(eq(channels.id, channelId));
				if (channel)
					await notify([userId], 'added_to_group', {
						channelId,
						channelName: channel.name,
						who,
						byId: addedBy
					});
			}
			if (organisationId) {
				const [org] = await db
					.select({ name: organisations.name })
					.from(organisations)
					.where(eq(organisations.id, organisationId));
				if (org)
					await notify([userId], 'added_to_organisation', {
						organisationId,
						organisationName: org.name,
						who,
						byId: addedBy
					});
			}
		}),
		// A coordinator invited a suggested person: only that person hears it.
		subscribe('need.invited', async ({ needId, userId, invitedBy }) => {
			const need = await needOf(needId);
			if (need)
				await notify([userId], 'invited_to_need', {
					needId,
					title: need.title,
					who: await nameOf(invitedBy)
				});
		}),
		subscribe('claim.expiring', async ({ needId, userId }) => {
			const need = await needOf(needId);
			if (need) await notify([userId], 'claim_expiring', { needId, title: need.title });
		}),
		subscribe('claim.released_stale', async ({ needId, userId }) => {
			const need = await needOf(needId);
			if (need) await notify([userId], 'stale_claim_released', { needId, title: need.title });
		}),
		// Helpers and followers of a duplicate are invited to the original, never moved silently;
		// those who may not see the original (organisation-only, of another organisation) are told
		// only that the request they followed was closed.
		subscribe('need.marked_duplicate', async ({ needId, originalId, userIds }) => {
			const [original] = await db
				.select({
					title: needs.title,
					visibility: needs.visibility,
					organisationId: needs.organisationId
				})
				.from(needs)
				.where(eq(needs.id, originalId));
			const [copy] = await db
				.select({ title: needs.title })
				.from(needs)
				.where(eq(needs.id, needId));
			if (!original || !copy || !userIds.length) return;
			const members =
				original.visibility === 'public' || !original.organisationId
					? new Set(userIds)
					: new Set(
							(
								await db
									.select({ userId: memberships.userId })
									.from(memberships)
									.where(
										and(
											eq(memberships.organisationId, original.organisationId),
											inArray(memberships.userId, userIds)
										)
									)
							).map((m) => m.userId)
						);
			await notify(
				userIds.filter((u) => members.has(u)),
				'duplicate_marked',
				{ originalId, title: original.title }
			);
			await notify(
				userIds.filter((u) => !members.has(u)),
				'duplicate_marked',
				{ needId, title: copy.title }
			);
		}),
		// Someone asked for an offer: its author hears who.
		subscribe('offer_request.created', async ({ requestId }) => {
			const row = await offerRequestOf(requestId);
			if (!row) return;
			await notify([row.authorId], 'offer_requested', {
				offerId: row.offerId,
				title: row.title,
				who: await nameOf(row.requesterId)
			});
		}),
		// A request was answered, cancelled or done: the side that did not act hears it.
		subscribe('offer_request.decided', async ({ requestId, byId }) => {
			const row = await offerRequestOf(requestId);
			if (!row) return;
			const other = byId === row.requesterId ? row.authorId : row.requesterId;
			await notify([other], 'offer_request_answered', {
				offerId: row.offerId,
				title: row.title,
				status: row.status
			});
		})
	];
	stops.push(startActionNotifications(), startConsultationNotifications());
	return () => stops.forEach((stop) => stop());
}
