import {
	boolean,
	check,
	customType,
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
import { sql } from 'drizzle-orm';
import { users } from './accounts';
import { organisations } from './organisations';
import { territories } from './territories';
import type { BallotChoices } from '../../../shared/schemas/consultations';
import {
	answerStates,
	ballotChannels,
	consultationVisibilities,
	moderationStates,
	phaseKinds,
	pollMethods,
	resultsVisibilities
} from '../../../shared/schemas/consultations';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A participatory consultation an organisation opens: who may take part (residents of
 * `territoryId` and everything under it; null: everyone), its settings, and the phase a
 * coordinator moved to by hand (it holds until the next phase's start date: consultations/phases.ts).
 */
export const consultations = pgTable(
	'consultations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull(),
		territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'restrict' }),
		visibility: text('visibility', { enum: consultationVisibilities }).notNull().default('public'),
		supportsPerPerson: integer('supports_per_person').notNull().default(10),
		supportThreshold: integer('support_threshold').notNull().default(0),
		proposalsPerPerson: integer('proposals_per_person').notNull().default(3),
		assistedBallots: boolean('assisted_ballots').notNull().default(false),
		requireIdentity: boolean('require_identity').notNull().default(false),
		manualPhase: text('manual_phase', { enum: phaseKinds }),
		manualPhaseAt: timestamp('manual_phase_at', { withTimezone: true }),
		/** The phase its followers were last told about (the sweep tells them of the next). */
		announcedPhase: text('announced_phase', { enum: phaseKinds }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('consultations_created_idx').on(t.createdAt, t.id),
		index('consultations_organisation_idx').on(t.organisationId),
		check(
			'consultations_manual_phase',
			sql`(${t.manualPhase} is null) = (${t.manualPhaseAt} is null)`
		)
	]
);

/** A consultation's phases, each kind once, in their order (`position`). */
export const consultationPhases = pgTable(
	'consultation_phases',
	{
		consultationId: uuid('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: phaseKinds }).notNull(),
		position: integer('position').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.consultationId, t.kind] }),
		check('consultation_phases_period', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

/** People who follow a consultation: told when its phase changes and of its commitments. */
export const consultationFollows = pgTable(
	'consultation_follows',
	{
		consultationId: uuid('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.consultationId, t.userId] }), index().on(t.userId)]
);

/**
 * What each person has used of a consultation's limits. The limits are kept by conditional
 * updates of this row (`supports_given < limit`), so no concurrency gives one more.
 */
export const consultationParticipants = pgTable(
	'consultation_participants',
	{
		consultationId: uuid('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		proposalsMade: integer('proposals_made').notNull().default(0),
		supportsGiven: integer('supports_given').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.consultationId, t.userId] }),
		check(
			'consultation_participants_counts',
			sql`${t.proposalsMade} >= 0 and ${t.supportsGiven} >= 0`
		)
	]
);

/**
 * A resident's proposal. `state` is the organisation's answer; `moderation` hides it after
 * three reports until a coordinator looks (`hidden`), or for good (`removed`).
 */
export const proposals = pgTable(
	'proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		consultationId: uuid('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		body: text('body').notNull(),
		state: text('state', { enum: answerStates }).notNull().default('published'),
		answer: text('answer'),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		supports: integer('supports').notNull().default(0),
		thresholdReachedAt: timestamp('threshold_reached_at', { withTimezone: true }),
		moderation: text('moderation', { enum: moderationStates }).notNull().default('visible'),
		reports: integer('reports').notNull().default(0),
		/** Similar proposals the author saw and went past (the similarity step). */
		postedDespite: jsonb('posted_despite').$type<string[]>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		search: tsvector('search').generatedAlwaysAs(
			sql`to_tsvector('italian'::regconfig, title || ' ' || body) || to_tsvector('english'::regconfig, title || ' ' || body)`
		)
	},
	(t) => [
		index('proposals_consultation_idx').on(t.consultationId, t.createdAt),
		index('proposals_search_idx').using('gin', t.search),
		index('proposals_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
		check('proposals_supports', sql`${t.supports} >= 0`)
	]
);

/** One support per person and proposal, whatever the concurrency: the primary key. */
export const proposalSupports = pgTable(
	'proposal_supports',
	{
		proposalId: uuid('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index().on(t.userId)]
);

/** One report per person and proposal; `reviewedAt` once a coordinator looked. */
export const proposalReports = pgTable(
	'proposal_reports',
	{
		proposalId: uuid('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.userId] })]
);

/**
 * A poll of a consultation. Without `opensAt`/`closesAt` of its own, the consultation's voting
 * phase opens and closes it.
 */
export const polls = pgTable(
	'polls',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		consultationId: uuid('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		method: text('method', { enum: pollMethods }).notNull(),
		maxChoices: integer('max_choices'),
		results: text('results', { enum: resultsVisibilities }).notNull(),
		anonymous: boolean('anonymous').notNull(),
		opensAt: timestamp('opens_at', { withTimezone: true }),
		closesAt: timestamp('closes_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('polls_consultation_idx').on(t.consultationId, t.createdAt),
		check(
			'polls_window',
			sql`${t.opensAt} is null or ${t.closesAt} is null or ${t.closesAt} > ${t.opensAt}`
		)
	]
);

export const pollOptions = pgTable(
	'poll_options',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('poll_options_position').on(t.pollId, t.position)]
);

/**
 * Who voted in a poll, once per person whatever the channel: `voter` is the person, the keyed
 * hash of their tied codice fiscale (`i:…`) when there is one, else their account (`u:…`), so
 * a ballot from the account and an assisted one for the same person collide on the primary key.
 * `choices` is the ballot in a poll that is not anonymous; in an anonymous one it is null and
 * the ballot is in `anonymous_ballots`, which nothing joins to this table.
 */
export const pollVoters = pgTable(
	'poll_voters',
	{
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		voter: text('voter').notNull(),
		/** The account that cast it online; null for an assisted ballot. */
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		channel: text('channel', { enum: ballotChannels }).notNull(),
		/** The operator who recorded an assisted ballot. */
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		choices: jsonb('choices').$type<BallotChoices>(),
		castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
		/**
		 * The account was erased while the poll was open: `voter` is kept until the poll closes, so
		 * nobody votes twice by erasing and signing up again, then replaced by a random key.
		 */
		forgetAfterClose: boolean('forget_after_close').notNull().default(false)
	},
	(t) => [
		primaryKey({ columns: [t.pollId, t.voter] }),
		uniqueIndex('poll_voters_account').on(t.pollId, t.userId)
	]
);

/**
 * The ballots of anonymous polls: the choice and its poll, nothing else (no person, no time;
 * a random id), so no column ties one to a row of `poll_voters`.
 */
export const anonymousBallots = pgTable(
	'anonymous_ballots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		choices: jsonb('choices').$type<BallotChoices>().notNull()
	},
	(t) => [index('anonymous_ballots_poll_idx').on(t.pollId)]
);

/**
 * An account tied to a codice fiscale, kept only as its keyed hash (with its own secret, so it
 * never matches a person key of a need): one account per person.
 */
export const identities = pgTable('identities', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	identityHash: text('identity_hash').notNull().unique(),
	tiedAt: timestamp('tied_at', { withTimezone: true }).notNull().defaultNow()
});

/** What the organisation commits to after a consultation, with its progress (accountability). */
export const consultationCommitments = pgTable(
	'consultation_commitments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		consultationId: uuid('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		proposalId: uuid('proposal_id').references(() => proposals.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		progress: integer('progress').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index().on(t.consultationId),
		check('consultation_commitments_progress', sql`${t.progress} between 0 and 100`)
	]
);

export const commitmentMilestones = pgTable(
	'commitment_milestones',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		commitmentId: uuid('commitment_id')
			.notNull()
			.references(() => consultationCommitments.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		text: text('text').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index().on(t.commitmentId, t.date)]
);
