import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { notificationKinds } from '../../../shared/schemas/notifications';

export { notificationKinds };

/** What one person is told: only the people an event concerns, never everyone. */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: notificationKinds }).notNull(),
		/** What the sentence needs (a need's title and id, a channel's name…), never more. */
		data: jsonb('data').$type<Record<string, string>>().notNull().default({}),
		readAt: timestamp('read_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('notifications_user_idx').on(t.userId, t.createdAt),
		index('notifications_unread_idx')
			.on(t.userId)
			.where(sql`${t.readAt} is null`)
	]
);
