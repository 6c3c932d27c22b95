import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { authorize, requireVerified, type Actor } from '../auth/actor';
import { now } from '../clock';
import { config } from '../config';
import { db, type Executor } from '../db/client';
import { channelMembers, channelReads, channels, messages, users } from '../db/schema';
import { textQuery, webSearchText } from '../db/text-search';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { refuseIfBlockedBy } from '../people/blocks';
import { canChannel } from './policy';
import { channelPeople, loadChannel, memberOf, organisationsOf } from './service';
import { messageSelection, toMessageView, type MessageView } from './views';
import type { SendMessageInput } from '$lib/shared/schemas/channels';

const SEND_LIMIT = 20;
const SEND_WINDOW_MS = 10_000;
const recentSends = new Map<string, number[]>();

/**
 * At most 20 messages per person per 10 seconds on this node. Kept in memory: it is checked
 * before anything touches the database, so a flooding client costs others nothing.
 */
function checkSendRate(userId: string) {
	if (config().rateLimits.disabled) return;
	const at = Date.now();
	const times = (recentSends.get(userId) ?? []).filter((t) => at - t < SEND_WINDOW_MS);
	if (times.length >= SEND_LIMIT) {
		recentSends.set(userId, times);
		const retryAfterSeconds = Math.ceil((SEND_WINDOW_MS - (at - times[0])) / 1000);
		throw new DomainError('rate_limited', { retryAfterSeconds });
	}
	times.push(at);
	recentSends.set(userId, times);
	if (recentSends.size > 10_000) recentSends.clear();
}

async function loadMessage(tx: Executor, id: string) {
	const [row] = await tx
		.select(messageSelection)
		.from(messages)
		.leftJoin(users, eq(users.id, messages.authorId))
		.where(eq(messages.id, id));
	return row;
}

class AlreadyStored {
	constructor(readonly id: string) {}
}

/** People of the channel named as `@Name` in the body. */
async function mentionedIn(
	tx: Executor,
	channel: { id: string; organisationId: string | null },
	body: string
) {
	if (!body.includes('@')) return [];
	const text = body.toLocaleLowerCase();
	return (await channelPeople(tx, channel))
		.filter((p) => text.includes(`@${p.name.toLocaleLowerCase()}`))
		.map((p) => p.id);
}

/** Moves a person's read marker forward to `seq`, never back. */
function advanceReadMarker(tx: Executor, channelId: string, userId: string, seq: number) {
	return tx
		.insert(channelReads)
		.values({ channelId, userId, lastReadSeq: seq })
		.onConflictDoUpdate({
			target: [channelReads.channelId, channelReads.userId],
			set: { lastReadSeq: sql`greatest(${channelReads.lastReadSeq}, ${seq})` }
		});
}

/**
 * Stores a message with the channel's next sequence number, allocated under the channel row's
 * lock in the same transaction as the insert: no gaps, no doubles. A `clientId` seen before
 * returns the message it stored, and stores nothing new.
 */
export async function sendMessage(
	actor: Actor | null,
	channelId: string,
	input: SendMessageInput
): Promise<{ message: MessageView; created: boolean }> {
	requireVerified(actor);
	checkSendRate(actor.id);
	let channelName = '';
	let stored: typeof messages.$inferSelect;
	try {
		stored = await db.transaction(async (tx) => {
			// The channel row's lock: a retry of the same clientId waits here, then finds the first.
			const { row, target } = await loadChannel(tx, actor, channelId, { lock: true });
			authorize(actor, canChannel(actor, 'post', target));
			// Someone who blocked the actor hears nothing more from them directly.
			if (row.kind === 'direct' && row.directKey)
				await refuseIfBlockedBy(tx, actor.id, row.directKey.split(':'));
			channelName = row.name;
			if (input.clientId) {
				const [existing] = await tx
					.select({ id: messages.id })
					.from(messages)
					.where(
						and(
							eq(messages.channelId, channelId),
							eq(messages.authorId, actor.id),
							eq(messages.clientId, input.clientId)
						)
					);
				if (existing) throw new AlreadyStored(existing.id);
			}
			if (input.parentId) {
				const [parent] = await tx
					.select({ id: messages.id })
					.from(messages)
					.where(and(eq(messages.id, input.parentId), eq(messages.channelId, channelId)));
				if (!parent) throw new DomainError('invalid_input', { fields: { parentId: 'v_invalid' } });
			}
			const at = now();
			const [{ seq }] = await tx
				.update(channels)
				.set({ lastSeq: sql`${channels.lastSeq} + 1`, lastMessageAt: at })
				.where(eq(channels.id, channelId))
				.returning({ seq: channels.lastSeq });
			const mentions = await mentionedIn(tx, row, input.body);
			const [stored] = await tx
				.insert(messages)
				.values({
					channelId,
					seq,
					authorId: actor.id,
					body: input.body,
					clientId: input.clientId ?? null,
					parentId: input.parentId ?? null,
					mentions: mentions.filter((m) => m !== actor.id),
					createdAt: at
				})
				.returning();
			// One's own message is read.
			await advanceReadMarker(tx, channelId, actor.id, seq);
			return stored;
		});
	} catch (error) {
		if (error instanceof AlreadyStored) {
			return { message: toMessageView(await loadMessage(db, error.id)), created: false };
		}
		throw error;
	}
	const message = toMessageView({ message: stored, authorName: actor.name ?? null });
	publish('message.stored', { message, change: 'new' });
	if (message.mentions.length)
		publish('message.mentioned', { message, channelName, userIds: message.mentions });
	return { message, created: true };
}

type MessagesQuery = { after?: number; before?: number; limit: number };
type MessagesPage = { items: MessageView[]; nextCursor: string | null; hasEarlier: boolean };

/**
 * A channel's messages: `after` a sequence number, oldest first (what a reconnecting client
 * missed), or the newest page `before` one (history on scroll), returned oldest first too.
 */
export async function listMessages(
	actor: Actor | null,
	channelId: string,
	query: MessagesQuery
): Promise<MessagesPage> {
	authorize(actor, actor !== null);
	const { target, fromSeq } = await loadChannel(db, actor, channelId);
	authorize(actor, canChannel(actor, 'read', target));
	return messagesOf(channelId, fromSeq, query);
}

/**
 * The messages of a channel whose reader `loadChannel` let in, never those before `fromSeq`
 * (written before they joined): see `listMessages`.
 */
export async function messagesOf(
	channelId: string,
	fromSeq: number,
	query: MessagesQuery
): Promise<MessagesPage> {
	const base = db
		.select(messageSelection)
		.from(messages)
		.leftJoin(users, eq(users.id, messages.authorId));
	if (query.after !== undefined) {
		const rows = await base
			.where(
				and(eq(messages.channelId, channelId), gt(messages.seq, Math.max(query.after, fromSeq)))
			)
			.orderBy(asc(messages.seq))
			.limit(query.limit + 1);
		const page = rows.slice(0, query.limit).map(toMessageView);
		return {
			items: page,
			nextCursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null,
			hasEarlier: false
		};
	}
	const conditions = [eq(messages.channelId, channelId), gt(messages.seq, fromSeq)];
	if (query.before !== undefined) conditions.push(lt(messages.seq, query.before));
	const rows = await base
		.where(and(...conditions))
		.orderBy(desc(messages.seq))
		.limit(query.limit + 1);
	const page = rows.slice(0, query.limit).map(toMessageView).reverse();
	return { items: page, nextCursor: null, hasEarlier: rows.length > query.limit };
}

async function loadOwnOrModerated(actor: Actor, messageId: string, moderate: boolean) {
	const row = await loadMessage(db, messageId);
	if (!row) throw new DomainError('not_found');
	const { target, fromSeq } = await loadChannel(db, actor, row.message.channelId);
	authorize(actor, canChannel(actor, 'read', target) && row.message.seq > fromSeq);
	const own = row.message.authorId === actor.id;
	const author = row.message.authorId
		? { id: row.message.authorId, organisationIds: await organisationsOf(db, row.message.authorId) }
		: undefined;
	authorize(actor, own || (moderate && canChannel(actor, 'deleteAnyMessage', target, author)));
	if (row.message.deletedAt)
		throw new DomainError('conflict', { extra: { reason: 'message_deleted' } });
	return row;
}

/** Authors edit their own messages; the edit is marked. */
export async function editMessage(actor: Actor | null, messageId: string, body: string) {
	authorize(actor, actor !== null);
	await loadOwnOrModerated(actor, messageId, false);
	await db.update(messages).set({ body, editedAt: now() }).where(eq(messages.id, messageId));
	const message = toMessageView(await loadMessage(db, messageId));
	publish('message.stored', { message, change: 'updated' });
	return message;
}

/** Deleting keeps the message's place ("message deleted") so that numbering and threads hold. */
export async function deleteMessage(actor: Actor | null, messageId: string) {
	authorize(actor, actor !== null);
	await loadOwnOrModerated(actor, messageId, true);
	await db
		.update(messages)
		.set({ body: '', deletedAt: now(), mentions: [] })
		.where(eq(messages.id, messageId));
	const message = toMessageView(await loadMessage(db, messageId));
	publish('message.stored', { message, change: 'updated' });
	return message;
}

/** Moves the actor's read marker forward (never back) to `seq`. */
export async function markRead(actor: Actor | null, channelId: string, seq: number) {
	authorize(actor, actor !== null);
	const { row, target } = await loadChannel(db, actor, channelId);
	authorize(actor, canChannel(actor, 'read', target));
	const upTo = Math.min(seq, row.lastSeq);
	await advanceReadMarker(db, channelId, actor.id, upTo);
	publish('channel.read', { channelId, userId: actor.id, seq: upTo });
	return { lastReadSeq: upTo, unread: Math.max(row.lastSeq - upTo, 0) };
}

/** Full-text search (Italian and English) over the channels the actor belongs to, newest first. */
export async function searchMessages(actor: Actor | null, q: string, limit: number) {
	authorize(actor, actor !== null);
	const tsquery = textQuery(webSearchText(q));
	const mine = db.select({ id: channels.id }).from(channels).where(memberOf(actor.id));
	const rows = await db
		.select({ ...messageSelection, channelName: channels.name })
		.from(messages)
		.innerJoin(channels, eq(channels.id, messages.channelId))
		.leftJoin(users, eq(users.id, messages.authorId))
		.where(
			and(
				inArray(messages.channelId, mine),
				sql`${messages.deletedAt} is null`,
				sql`${messages.search} @@ ${tsquery}`,
				// Not what was written before the person joined (see channel_members.from_seq).
				sql`not exists (select 1 from ${channelMembers} cm where cm.channel_id = ${messages.channelId} and cm.user_id = ${actor.id} and cm.from_seq >= ${messages.seq})`
			)
		)
		.orderBy(desc(messages.createdAt))
		.limit(limit);
	return rows.map((r) => ({ ...toMessageView(r), channelName: r.channelName }));
}
