import { sql } from 'drizzle-orm';
import {
	index,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { territories } from './territories';
import { memberRoles, organisationKinds, organisationStatuses } from '../../../shared/schemas/orgs';

export { memberRoles, organisationKinds, organisationStatuses };

export const organisations = pgTable(
	'organisations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		kind: text('kind', { enum: organisationKinds }).notNull(),
		status: text('status', { enum: organisationStatuses }).notNull().default('pending'),
		rejectionReason: text('rejection_reason'),
		description: text('description').notNull().default(''),
		contactEmail: text('contact_email').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		website: text('website').notNull().default(''),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('organisations_name_key').on(sql`lower(${t.name})`),
		index('organisations_status_idx').on(t.status)
	]
);

export const organisationTerritories = pgTable(
	'organisation_territories',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		territoryId: uuid('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.territoryId] }),
		index('organisation_territories_territory_idx').on(t.territoryId)
	]
);

/** One row per person per organisation: the primary key makes a second membership impossible. */
export const memberships = pgTable(
	'memberships',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: memberRoles }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.userId] }),
		index('memberships_user_idx').on(t.userId)
	]
);

export const invitations = pgTable(
	'invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		role: text('role', { enum: memberRoles }).notNull(),
		/** SHA-256 of the token in the link: the link works, a leaked table does not. */
		tokenHash: text('token_hash').notNull(),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('invitations_token_key').on(t.tokenHash),
		index('invitations_organisation_idx').on(t.organisationId),
		// One open invitation per address and organisation (expired ones are closed before a new one).
		uniqueIndex('invitations_one_open_key')
			.on(t.organisationId, t.email)
			.where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`)
	]
);

export const joinRequests = pgTable(
	'join_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		message: text('message').notNull().default(''),
		status: text('status', { enum: ['pending', 'approved', 'declined', 'withdrawn'] })
			.notNull()
			.default('pending'),
		decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// At most one open request per person and organisation.
		uniqueIndex('join_requests_one_pending_key')
			.on(t.organisationId, t.userId)
			.where(sql`${t.status} = 'pending'`)
	]
);

/**
 * "I vouch for this person": the network's administrators (organisation null) or a verified
 * organisation's coordinators make someone a trusted helper without membership. One open vouch
 * per person and voucher; revoking keeps the row for the record.
 */
export const vouches = pgTable(
	'vouches',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The organisation that vouches, or null for the network's administrators. */
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'cascade'
		}),
		vouchedBy: uuid('vouched_by').references(() => users.id, { onDelete: 'set null' }),
		note: text('note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('vouches_one_open_key')
			.on(
				t.userId,
				sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`
			)
			.where(sql`${t.revokedAt} is null`),
		index('vouches_organisation_idx').on(t.organisationId)
	]
);
