import { users, messages } from '../db/schema';
import type { ChannelView, MessageView } from '$lib/shared/views/channels';

export type { ChannelView, MessageView };

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
