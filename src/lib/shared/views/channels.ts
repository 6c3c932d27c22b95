import type { channelKinds } from '../schemas/channels';

/** The channels' shapes as the API, the pages and the sockets send them. */

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
	kind: (typeof channelKinds)[number];
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

/** Someone in a channel: put there by name, or there as a member of its organisation. */
export interface ChannelMemberView {
	id: string;
	name: string;
	byName: boolean;
}

/** A channel member's presence, as `presence` events and the members list carry it. */
export const presences = ['online', 'away', 'offline'] as const;
export type Presence = (typeof presences)[number];
