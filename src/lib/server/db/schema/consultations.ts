import {
	boolean,
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './accounts';
import { organisations } from './organisations';
import { territories } from './territories';
import { consultationVisibilities, phaseKinds } from '../../../shared/schemas/consultations';

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
