import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	primaryKey,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organisations } from './organisations';
import { skills } from './people';
import { territories } from './territories';
import {
	claimRules,
	needOutcomes,
	needStatuses,
	needVisibilities,
	urgencies
} from '../../../shared/schemas/needs';
import { contactMeans, contactResults } from '../../../shared/schemas/contacts';
import { activityKinds } from '../../../shared/schemas/activities';
import { handoverStatuses } from '../../../shared/schemas/handovers';

// The values the API and forms accept are the ones the database keeps: one list for both.
export { claimRules, needOutcomes, needStatuses, needVisibilities, urgencies };
export const claimStatuses = ['active', 'released', 'expired', 'completed'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Need categories the administrators keep; the id is a stable slug used by the API. */
export const categories = pgTable('categories', {
	id: text('id').primaryKey(),
	labelIt: text('label_it').notNull(),
	labelEn: text('label_en').notNull(),
	/** How long a claim on a need of this category holds before it expires unless extended. */
	claimHours: integer('claim_hours').notNull().default(72),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** The skills a category calls for (administrators keep the list): matching weighs them. */
export const categorySkills = pgTable(
	'category_skills',
	{
		categoryId: text('category_id')
			.notNull()
			.references(() => categories.id, { onDelete: 'cascade' }),
		skillId: uuid('skill_id')
			.notNull()
			.references(() => skills.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.categoryId, t.skillId] })]
);

export const needs = pgTable(
	'needs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		title: text('title').notNull(),
		description: text('description').notNull(),
		categoryId: text('category_id')
			.notNull()
			.references(() => categories.id, { onDelete: 'restrict' }),
		urgency: text('urgency', { enum: urgencies }).notNull().default('normal'),
		territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'cascade'
		}),
		visibility: text('visibility', { enum: needVisibilities }).notNull().default('public'),
		/** Who may take it on: anyone signed in and verified, trusted helpers, or its organisation's people. */
		claimRule: text('claim_rule', { enum: claimRules }).notNull().default('trusted'),
		/** How to reach the person helped. Shown only to those the needs policy allows. */
		contact: text('contact').notNull().default(''),
		/**
		 * Whether an unrevoked consent lets the claiming helpers see `contact` (need_consents keeps
		 * the record; the consent service writes both). A resident's own need consents by posting.
		 */
		contactShared: boolean('contact_shared').notNull().default(false),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** Where, roughly ("near the market"): never an exact address, which belongs in `contact`. */
		approxLocation: text('approx_location').notNull().default(''),
		dueDate: date('due_date'),
		status: text('status', { enum: needStatuses }).notNull().default('open'),
		outcome: text('outcome', { enum: needOutcomes }),
		duplicateOfId: uuid('duplicate_of_id').references((): AnyPgColumn => needs.id, {
			onDelete: 'set null'
		}),
		/** HMAC of the person helped (see people/person-key.ts); the key itself is never kept. */
		personKeyHash: text('person_key_hash'),
		/** Total helpers the parts take: the API's `capacity`. */
		capacity: integer('capacity').notNull().default(1),
		/** Italian and English full-text search over title (weighted) and description. */
		search: tsvector('search').generatedAlwaysAs(
			sql`setweight(to_tsvector('italian'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('italian'::regconfig, coalesce(description, '')), 'B') || to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))`
		),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** When it was fulfilled or closed: retention counts from here. */
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** When its personal data was erased: by retention, a coordinator, or its author leaving. */
		redactedAt: timestamp('redacted_at', { withTimezone: true })
	},
	(t) => [
		index('needs_status_created_idx').on(t.status, t.createdAt),
		index('needs_organisation_idx').on(t.organisationId),
		// A person's own requests, newest first (their home page and "my requests").
		index('needs_author_idx')
			.on(t.authorId, t.createdAt)
			.where(sql`${t.organisationId} is null`),
		index('needs_person_key_idx')
			.on(t.personKeyHash, t.categoryId)
			.where(sql`${t.personKeyHash} is not null`),
		index('needs_territory_idx').on(t.territoryId),
		// Retention walks the closed needs not yet erased, oldest first.
		index('needs_retention_idx')
			.on(t.closedAt)
			.where(sql`${t.redactedAt} is null and ${t.closedAt} is not null`),
		index('needs_search_idx').using('gin', t.search),
		// The duplicate check compares titles by trigrams within a category and territory.
		index('needs_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
		// The duplicate check walks the newest needs of one category and territory ("none" is
		// the zero id, so that a need without a territory is an equality too, and the index
		// gives the order). The expression must stay identical to `sameTerritory` in duplicates.ts.
		index('needs_duplicate_scope_idx').on(
			t.categoryId,
			sql`coalesce(${t.territoryId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
			t.status,
			t.createdAt
		),
		// The board's default order (most urgent, then oldest) as an index: a page is a short walk.
		// The expression must stay identical to `urgencyRank` in needs/service.ts.
		index('needs_board_idx').on(
			t.status,
			sql`(case ${t.urgency} when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`,
			t.createdAt,
			t.id
		),
		// The same order across every status ("all" on the board, the API without a status).
		index('needs_board_any_status_idx').on(
			sql`(case ${t.urgency} when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`,
			t.createdAt,
			t.id
		),
		// "Needs for me" walks the newest open needs of a few territories and categories.
		index('needs_open_territory_idx')
			.on(t.territoryId, t.createdAt)
			.where(sql`${t.status} in ('open', 'in_progress')`),
		index('needs_open_category_idx')
			.on(t.categoryId, t.createdAt)
			.where(sql`${t.status} in ('open', 'in_progress')`),
		// An organisation-only need must belong to an organisation.
		check(
			'needs_organisation_visibility',
			sql`${t.visibility} = 'public' or ${t.organisationId} is not null`
		),
		check('needs_capacity_positive', sql`${t.capacity} between 1 and 100`)
	]
);

/** A separately claimable piece of help, with how many people it takes. */
export const needParts = pgTable(
	'need_parts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		capacity: integer('capacity').notNull().default(1),
		position: integer('position').notNull().default(0),
		/** Only people with this skill may claim the part ("trained for home visits"). */
		requiredSkillId: uuid('required_skill_id').references(() => skills.id, {
			onDelete: 'set null'
		})
	},
	(t) => [
		index('need_parts_need_idx').on(t.needId),
		// "Needs for me": the parts that require one of a person's skills.
		index('need_parts_required_skill_idx')
			.on(t.requiredSkillId)
			.where(sql`${t.requiredSkillId} is not null`),
		check('need_parts_capacity_positive', sql`${t.capacity} between 1 and 100`)
	]
);

/**
 * A claim holds one numbered slot of one part. While active, a slot has one holder (unique
 * index) and slots only go up to the part's capacity (the insert picks from 1..capacity), so
 * no concurrency can seat one helper too many.
 */
export const claims = pgTable(
	'claims',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		partId: uuid('part_id')
			.notNull()
			.references(() => needParts.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		slot: integer('slot').notNull(),
		status: text('status', { enum: claimStatuses }).notNull().default('active'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		endReason: text('end_reason'),
		/**
		 * The last time the holder did something for the person (took the claim, logged a contact,
		 * answered a handover). Extending with a click is not activity: a claim untouched for a month
		 * may be released by a coordinator of the need's organisation.
		 */
		lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
		/** The expiry the holder was last reminded of; an extension makes a new reminder due. */
		remindedFor: timestamp('reminded_for', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('claims_one_holder_per_slot')
			.on(t.partId, t.slot)
			.where(sql`${t.status} = 'active'`),
		uniqueIndex('claims_one_slot_per_person')
			.on(t.partId, t.userId)
			.where(sql`${t.status} = 'active'`),
		index('claims_need_idx').on(t.needId),
		index('claims_user_status_idx').on(t.userId, t.status),
		index('claims_active_expiry_idx')
			.on(t.expiresAt)
			.where(sql`${t.status} = 'active'`)
	]
);

/**
 * Attempts to reach the person a need is for: by whom, how, with what result. Read by the
 * need's organisation and helpers, so that nobody phones the same person three times a day.
 */
export const contactAttempts = pgTable(
	'contact_attempts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		means: text('means', { enum: contactMeans }).notNull(),
		result: text('result', { enum: contactResults }).notNull(),
		note: text('note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('contact_attempts_need_idx').on(t.needId, t.createdAt)]
);

/** Everything that happened to a need: who, when, what. */
export const needHistory = pgTable(
	'need_history',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The order entries were written in; clocks can tie within one transaction. */
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		// clock_timestamp, not now(): two entries of one transaction keep their order.
		createdAt: timestamp('created_at', { withTimezone: true })
			.notNull()
			.default(sql`clock_timestamp()`)
	},
	(t) => [index('need_history_need_idx').on(t.needId, t.createdAt)]
);

export { handoverStatuses };

/**
 * Someone asks the holder of a claim to hand it over. The holder accepts or refuses; with no
 * answer it is approved automatically after HANDOVER_AUTO_APPROVE_HOURS. One pending request
 * per claim (unique index), so two organisations cannot both be promised the same slot.
 */
export const handovers = pgTable(
	'handovers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		claimId: uuid('claim_id')
			.notNull()
			.references(() => claims.id, { onDelete: 'cascade' }),
		/** Who would take the slot over. */
		requesterId: uuid('requester_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The organisation they ask for, when they ask as its operator or coordinator. */
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'set null'
		}),
		reason: text('reason').notNull(),
		status: text('status', { enum: handoverStatuses }).notNull().default('pending'),
		answerNote: text('answer_note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('handovers_one_pending_per_claim')
			.on(t.claimId)
			.where(sql`${t.status} = 'pending'`),
		index('handovers_need_idx').on(t.needId, t.createdAt),
		index('handovers_pending_idx')
			.on(t.createdAt)
			.where(sql`${t.status} = 'pending'`)
	]
);

/**
 * "Marta is calling this person now": what someone is doing for a need right now. It holds for
 * 15 minutes unless extended; one row per person and need.
 */
export const needActivities = pgTable(
	'need_activities',
	{
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: activityKinds }).notNull(),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.needId, t.userId] })]
);

/**
 * A suggested person invited to a need by its organisation's staff: once per person and need,
 * whoever asks and however many ask at once (the primary key decides).
 */
export const needInvitations = pgTable(
	'need_invitations',
	{
		needId: uuid('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.needId, t.userId] })]
);
