import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { needs } from './needs';
import { organisations } from './organisations';
import {
	accessChannels,
	accessKinds,
	consentGivers,
	consentRecipients
} from '../../../shared/schemas/privacy';

export { accessChannels, accessKinds, consentGivers, consentRecipients };

/**
 * Consent to share the data of the person a need is for: for what, with whom, given by whom.
 * `needs.contact_shared` says whether an unrevoked consent lets helpers see the contact; the
 * consent service keeps both in one transaction.
 */
export const needConsents = pgTable(
	'need_consents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		purpose: text('purpose').notNull(),
		recipients: text('recipients', { enum: consentRecipients }).notNull(),
		givenBy: text('given_by', { enum: consentGivers }).notNull(),
		note: text('note').notNull().default(''),
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index('need_consents_need_idx').on(t.needId, t.createdAt)]
);

/**
 * Who other than its author saw a person's data: a need's contact, a profile's contact, or that
 * another organisation follows the same person. One row per viewer, thing seen and hour (the
 * unique index), so reading a page ten times is one entry. The viewer's organisation and role
 * are kept as they were then: the log reads "a volunteer of Caritas" after they leave it.
 */
export const dataAccessLog = pgTable(
	'data_access_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		needId: uuid('need_id').references(() => needs.id, { onDelete: 'cascade' }),
		/** Whose profile, for a profile's contact. */
		subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'cascade' }),
		viewerId: uuid('viewer_id').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'set null'
		}),
		/** coordinator, operator or member of that organisation; helper when it is not theirs. */
		viewerRole: text('viewer_role').notNull(),
		what: text('what', { enum: accessKinds }).notNull(),
		via: text('via', { enum: accessChannels }).notNull(),
		hour: timestamp('hour', { withTimezone: true }).notNull(),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [
		uniqueIndex('data_access_log_once_an_hour').on(
			t.viewerId,
			t.what,
			sql`coalesce(${t.needId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
			sql`coalesce(${t.subjectUserId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
			t.hour
		),
		index('data_access_log_need_idx').on(t.needId, t.at),
		index('data_access_log_subject_idx').on(t.subjectUserId, t.at),
		index('data_access_log_viewer_idx').on(t.viewerId)
	]
);
