import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organisations } from './organisations';
import { categories, needs } from './needs';
import { territories } from './territories';
import type { WeeklyAvailability } from './people';
import {
	offerKinds,
	offerRequestStatuses,
	offerStoredStatuses,
	offerVisibilities
} from '../../../shared/schemas/offers';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Help someone offers: time, a skill, goods, a space, transport. `capacity` counts accepted
 * requests over the offer's life and `accepted_count` may never pass it (a check, and the
 * accepting update's condition), so no concurrency accepts one request too many.
 */
export const offers = pgTable(
	'offers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: offerKinds }).notNull(),
		title: text('title').notNull(),
		description: text('description').notNull(),
		categoryId: text('category_id')
			.notNull()
			.references(() => categories.id, { onDelete: 'restrict' }),
		territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
		skillIds: uuid('skill_ids')
			.array()
			.notNull()
			.default(sql`'{}'::uuid[]`),
		availability: jsonb('availability').$type<WeeklyAvailability>().notNull().default({}),
		capacity: integer('capacity').notNull().default(1),
		acceptedCount: integer('accepted_count').notNull().default(0),
		status: text('status', { enum: offerStoredStatuses }).notNull().default('open'),
		/** The last day it holds; the day after, it is closed (by reads at once, by the sweep in writing). */
		until: date('until'),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'cascade'
		}),
		visibility: text('visibility', { enum: offerVisibilities }).notNull().default('public'),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		search: tsvector('search').generatedAlwaysAs(
			sql`setweight(to_tsvector('italian'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('italian'::regconfig, coalesce(description, '')), 'B') || to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))`
		),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('offers_feed_idx').on(t.status, t.createdAt, t.id),
		index('offers_author_idx').on(t.authorId, t.createdAt),
		index('offers_category_idx').on(t.categoryId, t.status),
		index('offers_territory_idx').on(t.territoryId),
		index('offers_organisation_idx').on(t.organisationId),
		index('offers_search_idx').using('gin', t.search),
		// Also offers_open_territory_idx and offers_open_category_idx, covering indexes for matching
		// in migration 0021: drizzle cannot write their INCLUDE.
		// Matching finds the offers that give a skill a need calls for.
		index('offers_skills_idx').using('gin', t.skillIds),
		check('offers_capacity_positive', sql`${t.capacity} between 1 and 1000`),
		check(
			'offers_accepted_within_capacity',
			sql`${t.acceptedCount} >= 0 and ${t.acceptedCount} <= ${t.capacity}`
		),
		check(
			'offers_organisation_visibility',
			sql`${t.visibility} = 'public' or ${t.organisationId} is not null`
		)
	]
);

/**
 * Someone asks for an offer, perhaps for one of their needs. One live request (pending or
 * accepted) per person and offer: a unique index, so a double click cannot ask twice.
 */
export const offerRequests = pgTable(
	'offer_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		offerId: uuid('offer_id')
			.notNull()
			.references(() => offers.id, { onDelete: 'cascade' }),
		requesterId: uuid('requester_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		needId: uuid('need_id').references(() => needs.id, { onDelete: 'set null' }),
		message: text('message').notNull().default(''),
		status: text('status', { enum: offerRequestStatuses }).notNull().default('pending'),
		note: text('note').notNull().default(''),
		/** The private channel the two talk in, opened when it is accepted. */
		channelId: uuid('channel_id'),
		/** The claim accepting gave the offer's author on `needId`. */
		claimId: uuid('claim_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('offer_requests_one_live_per_person')
			.on(t.offerId, t.requesterId)
			.where(sql`${t.status} in ('pending', 'accepted')`),
		index('offer_requests_offer_idx').on(t.offerId, t.createdAt),
		index('offer_requests_requester_idx').on(t.requesterId, t.createdAt)
	]
);

/** Every change of an offer and its requests, in order. */
export const offerHistory = pgTable(
	'offer_history',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		offerId: uuid('offer_id')
			.notNull()
			.references(() => offers.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true })
			.notNull()
			.default(sql`clock_timestamp()`)
	},
	(t) => [index('offer_history_offer_idx').on(t.offerId, t.seq)]
);
