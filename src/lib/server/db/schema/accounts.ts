import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	pgTable,
	primaryKey,
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
		/** When the person proved the address is theirs (a link sent to it); null until then. */
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
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

/**
 * A link that proves an address: sent at signup and on every change of address, valid for a day.
 * Only the SHA-256 of its token is kept. Using it verifies `email`, if that is still the
 * account's address.
 */
export const emailVerifications = pgTable(
	'email_verifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		tokenHash: text('token_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('email_verifications_token_key').on(t.tokenHash),
		index('email_verifications_user_idx').on(t.userId)
	]
);

/**
 * A client that has signed in to an account before (a random cookie, only its hash kept): failed
 * logins from elsewhere slow the attacker down without locking this device out.
 */
export const knownDevices = pgTable(
	'known_devices',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('known_devices_user_idx').on(t.userId)]
);

/** Someone a person no longer wants to hear from: they cannot add them to groups or organisations, or message them. */
export const blocks = pgTable(
	'blocks',
	{
		blockerId: uuid('blocker_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		blockedId: uuid('blocked_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.blockerId, t.blockedId] }),
		index('blocks_blocked_idx').on(t.blockedId)
	]
);
