import { users, messages } from '../db/schema';

export interface MessageView {
	id: string;
	channelId: string;
	seq: number;
	authorId: string | null;
	authorName: string;
	/** Empty once deleted: the message stays in its place as "message deleted". */
	body: string;
	parentId: string | null;
	mentions: string[];
	createdAt: string;
	editedAt: string | null;
	deleted: boolean;
}

export interface ChannelView {
	id: string;
	kind: 'organisation' | 'joint' | 'need' | 'territory' | 'direct' | 'group';
	name: string;
	organisationId: string | null;
	needId: string | null;
	territoryId: string | null;
	lastSeq: number;
	/** Messages after the caller's read marker. */
	unread: number;
	lastReadSeq: number;
	lastMessageAt: string | null;
	createdAt: string;
	isMember: boolean;
	/** What the caller may do here: bring people in, leave. */
	can: { invite: boolean; leave: boolean };
}

export const messageSelection = {
	message: messages,
	authorName: users.name
};

export function toMessageView(row: {
	message: typeof messages.$inferSelect;
	authorName: string | null;
}): MessageView {
	const m = row.message;
	const deleted = m.deletedAt !== null;
	return {
		id: m.id,
		channelId: m.channelId,
		seq: m.seq,
		authorId: m.authorId,
		authorName: row.authorName ?? '',
		body: deleted ? '' : m.body,
		parentId: m.parentId,
		mentions: deleted ? [] : m.mentions,
		createdAt: m.createdAt.toISOString(),
		editedAt: m.editedAt?.toISOString() ?? null,
		deleted
	};
}
