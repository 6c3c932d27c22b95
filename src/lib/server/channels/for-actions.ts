import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { channelMembers, channelOrganisations, channels } from '../db/schema';
import { coordinatorsOf } from '../orgs/members';

/**
 * The joint channel of a new action, made in the action's transaction: the lead organisation
 * takes part, its coordinators and the creator are members (each coordinator then brings in
 * their own people). Answers the channel's id and its members, to be told after commit.
 */
export async function openActionChannel(
	tx: Executor,
	action: { title: string; organisationId: string; createdBy: string }
): Promise<{ id: string; members: string[] }> {
	const [channel] = await tx
		.insert(channels)
		.values({ kind: 'joint', name: action.title, createdBy: action.createdBy })
		.returning({ id: channels.id });
	await tx
		.insert(channelOrganisations)
		.values({ channelId: channel.id, organisationId: action.organisationId });
	const members = [
		...new Set([action.createdBy, ...(await coordinatorsOf([action.organisationId], tx))])
	];
	await tx
		.insert(channelMembers)
		.values(
			members.map((userId) => ({ channelId: channel.id, userId, addedBy: action.createdBy }))
		);
	return { id: channel.id, members };
}

/**
 * A partner that accepted joins the action's channel: its coordinators become members, reading
 * from the next message on (under the channel's lock, as sends are numbered). Answers who was
 * added.
 */
export async function joinActionChannel(
	tx: Executor,
	channelId: string,
	organisationId: string,
	addedBy: string
): Promise<string[]> {
	const [channel] = await tx
		.select({ lastSeq: channels.lastSeq })
		.from(channels)
		.where(eq(channels.id, channelId))
		.for('update');
	if (!channel) return [];
	await tx
		.insert(channelOrganisations)
		.values({ channelId, organisationId, fromSeq: channel.lastSeq })
		.onConflictDoNothing();
	const people = await coordinatorsOf([organisationId], tx);
	if (!people.length) return [];
	const added = await tx
		.insert(channelMembers)
		.values(people.map((userId) => ({ channelId, userId, addedBy, fromSeq: channel.lastSeq })))
		.onConflictDoNothing()
		.returning({ userId: channelMembers.userId });
	return added.map((r) => r.userId);
}
