import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { channelMembers, channels } from '../db/schema';

/**
 * The private channel of two people (one per pair, as a direct conversation), made inside the
 * caller's transaction: an accepted offer request opens it for the offer's author and the
 * requester. Answers its id and whether it was made now (the caller tells them after commit).
 */
export async function ensureDirectChannel(
	tx: Executor,
	a: string,
	b: string
): Promise<{ id: string; created: boolean }> {
	const key = [a, b].sort().join(':');
	const [created] = await tx
		.insert(channels)
		.values({ kind: 'direct', directKey: key, createdBy: a })
		.onConflictDoNothing()
		.returning({ id: channels.id });
	const id =
		created?.id ??
		(await tx.select({ id: channels.id }).from(channels).where(eq(channels.directKey, key)))[0].id;
	await tx
		.insert(channelMembers)
		.values([a, b].map((userId) => ({ channelId: id, userId, addedBy: a })))
		.onConflictDoNothing();
	return { id, created: created !== undefined };
}
