import { sql } from 'drizzle-orm';
import {
	customType,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { needs } from './needs';
import { organisations } from './organisations';
import { territories } from './territories';
import { channelKinds } from '../../../shared/schemas/channels';

export { channelKinds };

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const channels = pgTable(
	'channels',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: channelKinds }).notNull(),
		name: text('name').notNull().default(''),
		/** Members of this organisation belong automatically (its own channel, its needs' channels). */
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'cascade'
		}),
		needId: uuid('need_id').references(() => needs.id, { onDelete: 'cascade' }),
		territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'cascade' }),
		/** Two people's ids in order: one direct channel per pair. */
		directKey: text('direct_key'),
		/** The last sequence number given to a message: allocated under this row's lock. */
		lastSeq: integer('last_seq').notNull().default(0),
		lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('channels_organisation_uq')
			.on(t.organisationId)
			.where(sql`${t.kind} = 'organisation'`),
		uniqueIndex('channels_need_uq').on(t.needId),
		uniqueIndex('channels_territory_uq').on(t.territoryId),
		uniqueIndex('channels_direct_uq').on(t.directKey),
		index('channels_organisation_idx').on(t.organisationId)
	]
);

/** The organisations of a joint channel: their coordinators may invite their own members. */
export const channelOrganisations = pgTable(
	'channel_organisations',
	{
		channelId: uuid('channel_id')
			.notNull()
			.references(() => channels.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** The channel's last message when the organisation joined: its people read from there on. */
		fromSeq: integer('from_seq').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.channelId, t.organisationId] })]
);

/** People who belong to a channel by name (those of `channels.organisation_id` need no row). */
export const channelMembers = pgTable(
	'channel_members',
	{
		channelId: uuid('channel_id')
			.notNull()
			.references(() => channels.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
		/** Messages up to this number stay hidden from them (joined later, e.g. a newcomer organisation). */
		fromSeq: integer('from_seq').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.channelId, t.userId] }),
		index('channel_members_user_idx').on(t.userId)
	]
);

/** How far each person has read a channel: unread = channel's last seq − this. */
export const channelReads = pgTable(
	'channel_reads',
	{
		channelId: uuid('channel_id')
			.notNull()
			.references(() => channels.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lastReadSeq: integer('last_read_seq').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.channelId, t.userId] })]
);

export const messages = pgTable(
	'messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		channelId: uuid('channel_id')
			.notNull()
			.references(() => channels.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		clientId: text('client_id'),
		parentId: uuid('parent_id').references((): AnyPgColumn => messages.id, {
			onDelete: 'set null'
		}),
		/** People the message mentions (they are told). */
		mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
		search: tsvector('search').generatedAlwaysAs(
			sql`to_tsvector('italian'::regconfig, coalesce(body, '')) || to_tsvector('english'::regconfig, coalesce(body, ''))`
		),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		deletedAt: timestamp('deleted_at', { withTimezone: true })
	},
	(t) => [
		// No gaps and no doubles: one message per number per channel.
		uniqueIndex('messages_channel_seq_uq').on(t.channelId, t.seq),
		// A retried send with the same client id stores nothing new.
		uniqueIndex('messages_client_id_uq')
			.on(t.channelId, t.authorId, t.clientId)
			.where(sql`${t.clientId} is not null`),
		index('messages_parent_idx').on(t.parentId),
		index('messages_search_idx').using('gin', t.search)
	]
);
