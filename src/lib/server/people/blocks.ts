import { and, desc, eq, inArray } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { db, type Executor } from '../db/client';
import { blocks, users } from '../db/schema';
import { DomainError } from '../errors';

/**
 * Someone one no longer wants to hear from: from then on they cannot put one into a group or an
 * organisation, nor message one directly. Blocking someone unknown answers as blocking anyone.
 */
export async function blockPerson(actor: Actor | null, userId: string) {
	authorize(actor, actor !== null);
	if (userId === actor.id)
		throw new DomainError('invalid_input', { fields: { userId: 'v_invalid' } });
	const [person] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
	if (!person) throw new DomainError('not_found');
	await db.insert(blocks).values({ blockerId: actor.id, blockedId: userId }).onConflictDoNothing();
}

export async function unblockPerson(actor: Actor | null, userId: string) {
	authorize(actor, actor !== null);
	await db.delete(blocks).where(and(eq(blocks.blockerId, actor.id), eq(blocks.blockedId, userId)));
}

/** Whom one has blocked, the latest first. */
export async function listBlocks(actor: Actor | null) {
	authorize(actor, actor !== null);
	const rows = await db
		.select({ userId: blocks.blockedId, name: users.name, since: blocks.createdAt })
		.from(blocks)
		.innerJoin(users, eq(users.id, blocks.blockedId))
		.where(eq(blocks.blockerId, actor.id))
		.orderBy(desc(blocks.createdAt));
	return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/**
 * Refuses (403 `blocked`) when any of these people blocked the actor. Says no more: not who,
 * nor since when.
 */
export async function refuseIfBlockedBy(tx: Executor, actorId: string, userIds: string[]) {
	const others = userIds.filter((id) => id !== actorId);
	if (!others.length) return;
	const [found] = await tx
		.select({ id: blocks.blockerId })
		.from(blocks)
		.where(and(eq(blocks.blockedId, actorId), inArray(blocks.blockerId, others)))
		.limit(1);
	if (found) throw new DomainError('forbidden', { extra: { reason: 'blocked' } });
}
