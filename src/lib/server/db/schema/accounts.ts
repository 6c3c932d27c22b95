import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Stored lower-cased and trimmed: one account per address, whatever the case. */
		email: text('email').notNull(),
		name: text('name').notNull(),
		locale: text('locale', { enum: ['it', 'en'] })
			.notNull()
			.default('it'),
		passwordHash: text('password_hash').notNull(),
		isAdmin: boolean('is_admin').notNull().default(false),
		/** The kinds of notification the person also wants by e-mail (the important ones at first). */
		emailNotifications: text('email_notifications')
			.array()
			.notNull()
			.default(sql`'{handover_requested,claim_expiring}'::text[]`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('users_email_key').on(t.email)]
);

/** Lucia-style sessions: the id is the SHA-256 of the token; the token itself is never stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
		/** A short description of the device ("Chrome on Android"), shown to the owner only. */
		device: text('device').notNull().default(''),
		/** A public, non-secret handle for the account page (revoking one session by form). */
		publicId: uuid('public_id').notNull().defaultRandom()
	},
	(t) => [
		index('sessions_user_idx').on(t.userId),
		uniqueIndex('sessions_public_id_key').on(t.publicId),
		index('sessions_expires_idx').on(t.expiresAt)
	]
);

/** Fixed-window counters shared by every node, so limits hold behind a load balancer too. */
export const rateLimitHits = pgTable('rate_limit_hits', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});
