import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { channels } from './channels';
import { organisations } from './organisations';
import { territories } from './territories';
import {
	actionKinds,
	actionStatuses,
	actionVisibilities,
	partnerStatuses,
	signupStatuses
} from '../../../shared/schemas/actions';

/** Who an action is for (elderly people, families with children…): a list administrators keep. */
export const targetGroups = pgTable('target_groups', {
	id: text('id').primaryKey(),
	labelIt: text('label_it').notNull(),
	labelEn: text('label_en').notNull()
});

/**
 * A joint action or awareness campaign of a lead organisation and its partners. Its period is
 * half-open ([starts, ends)): one ending when another starts does not overlap it.
 */
export const actions = pgTable(
	'actions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: actionKinds }).notNull(),
		title: text('title').notNull(),
		description: text('description').notNull(),
		leadOrganisationId: uuid('lead_organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		goal: text('goal').notNull().default(''),
		goalCount: integer('goal_count'),
		visibility: text('visibility', { enum: actionVisibilities }).notNull().default('network'),
		status: text('status', { enum: actionStatuses }).notNull().default('planned'),
		/** The joint channel of the lead and its accepted partners, made with the action. */
		channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('actions_period', sql`${t.endsAt} > ${t.startsAt}`),
		// The clash check asks "which actions overlap this period" first.
		index('actions_period_idx').using('gist', sql`tstzrange(${t.startsAt}, ${t.endsAt}, '[)')`),
		// actions_period_title_idx (the period with the title's trigrams) is in migration 0023 only.
		index('actions_lead_idx').on(t.leadOrganisationId, t.startsAt),
		index('actions_starts_idx').on(t.startsAt, t.id)
	]
);

export const actionTerritories = pgTable(
	'action_territories',
	{
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		territoryId: uuid('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.actionId, t.territoryId] }),
		index('action_territories_territory_idx').on(t.territoryId, t.actionId)
	]
);

export const actionTargetGroups = pgTable(
	'action_target_groups',
	{
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		targetGroupId: text('target_group_id')
			.notNull()
			.references(() => targetGroups.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.actionId, t.targetGroupId] }),
		index('action_target_groups_group_idx').on(t.targetGroupId)
	]
);

/** Organisations invited to take part; one row per organisation and action. */
export const actionPartners = pgTable(
	'action_partners',
	{
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		status: text('status', { enum: partnerStatuses }).notNull().default('invited'),
		/** Asked by the organisation itself (from a clash warning) rather than invited by the lead. */
		askedToJoin: boolean('asked_to_join').notNull().default(false),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
		invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
		answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
		answeredAt: timestamp('answered_at', { withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.actionId, t.organisationId] }),
		index('action_partners_organisation_idx').on(t.organisationId, t.status)
	]
);

/** "Go ahead" despite a clash warning: who decided, when, and which actions were shown. */
export const actionClashDecisions = pgTable('action_clash_decisions', {
	id: uuid('id').primaryKey().defaultRandom(),
	actionId: uuid('action_id')
		.notNull()
		.references(() => actions.id, { onDelete: 'cascade' }),
	decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
	clashes: jsonb('clashes').$type<{ id: string; title: string }[]>().notNull(),
	decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow()
});

/** Who does what where: a partner's commitment ("200 food parcels in San Salvario"). */
export const actionCommitments = pgTable(
	'action_commitments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		what: text('what').notNull(),
		territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
		quantity: integer('quantity'),
		fromAt: timestamp('from_at', { withTimezone: true }),
		toAt: timestamp('to_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('action_commitments_action_idx').on(t.actionId, t.createdAt)]
);

/** The shared checklist: a task with an owner (an organisation or a person) and a due time. */
export const actionTasks = pgTable(
	'action_tasks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'set null'
		}),
		assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		dueAt: timestamp('due_at', { withTimezone: true }),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
		/** When its owners were told it is overdue: once per task. */
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('action_tasks_action_idx').on(t.actionId, t.createdAt),
		index('action_tasks_overdue_idx')
			.on(t.dueAt)
			.where(sql`${t.doneAt} is null and ${t.remindedAt} is null`)
	]
);

/**
 * A session of an action (a talk, a desk, a shift) with a capacity. `confirmed_count` never
 * passes `capacity` (a check, and the signing-up update's condition); `queue_seq` numbers the
 * waiting list in the order people joined it, under this row's lock.
 */
export const actionSessions = pgTable(
	'action_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		place: text('place').notNull(),
		capacity: integer('capacity').notNull(),
		confirmedCount: integer('confirmed_count').notNull().default(0),
		queueSeq: bigint('queue_seq', { mode: 'number' }).notNull().default(0),
		/** When the day-before reminders were sent: once per session. */
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('action_sessions_period', sql`${t.endsAt} > ${t.startsAt}`),
		check(
			'action_sessions_confirmed_within_capacity',
			sql`${t.confirmedCount} >= 0 and ${t.confirmedCount} <= ${t.capacity}`
		),
		index('action_sessions_action_idx').on(t.actionId, t.startsAt),
		index('action_sessions_starts_idx').on(t.startsAt)
	]
);

/**
 * A person's place in a session: confirmed, waiting (in `seq` order: their position is how many
 * wait before them, plus one, so positions stay 1, 2, 3… whoever leaves), or cancelled. One
 * live sign-up per person and session (the partial unique index).
 */
export const sessionSignups = pgTable(
	'session_signups',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => actionSessions.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: signupStatuses }).notNull(),
		seq: bigint('seq', { mode: 'number' }).notNull(),
		/** Marked by the organisers at the session: null until they do. */
		attended: boolean('attended'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('session_signups_live_uq')
			.on(t.sessionId, t.userId)
			.where(sql`${t.status} <> 'cancelled'`),
		uniqueIndex('session_signups_waiting_uq')
			.on(t.sessionId, t.seq)
			.where(sql`${t.status} = 'waitlisted'`),
		index('session_signups_user_idx').on(t.userId, t.createdAt)
	]
);

/** What partners reached: people (households, leaflets…) by date and territory. */
export const actionReach = pgTable(
	'action_reach',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		actionId: uuid('action_id')
			.notNull()
			.references(() => actions.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		date: date('date').notNull(),
		peopleReached: integer('people_reached').notNull(),
		territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
		note: text('note').notNull().default(''),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('action_reach_people', sql`${t.peopleReached} >= 0`),
		index('action_reach_action_idx').on(t.actionId, t.date)
	]
);
