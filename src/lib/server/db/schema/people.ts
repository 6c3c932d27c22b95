import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { territories } from './territories';

import { contactPreferences, dayParts, weekDays } from '../../../shared/schemas/people';

export { contactPreferences, dayParts, weekDays };
export type WeeklyAvailability = Partial<
	Record<(typeof weekDays)[number], (typeof dayParts)[number][]>
>;

/** Skills the administrators keep; people pick from them and may add free text. */
export const skills = pgTable(
	'skills',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('skills_name_key').on(sql`lower(${t.name})`)]
);

/**
 * What a person tells the network about themselves, beyond their account. Matching finds the
 * people who fit a need through the indexes (where they live, their skills, their languages),
 * never by reading every profile.
 */
export const profiles = pgTable(
	'profiles',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		homeTerritoryId: uuid('home_territory_id').references(() => territories.id, {
			onDelete: 'set null'
		}),
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		skillIds: uuid('skill_ids')
			.array()
			.notNull()
			.default(sql`'{}'::uuid[]`),
		otherSkills: text('other_skills').notNull().default(''),
		availability: jsonb('availability').$type<WeeklyAvailability>().notNull().default({}),
		contactPreference: text('contact_preference', { enum: contactPreferences })
			.notNull()
			.default('app'),
		phone: text('phone').notNull().default(''),
		/** Contact details (e-mail, phone) are shown to others only when this is true. */
		shareContact: boolean('share_contact').notNull().default(false),
		/** Never suggested to coordinators as someone who fits a need. */
		hiddenFromSuggestions: boolean('hidden_from_suggestions').notNull().default(false),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	// Also profiles_suggestable_home_idx, in migration 0021: drizzle cannot write its INCLUDE.
	(t) => [
		index('profiles_skills_idx').using('gin', t.skillIds),
		index('profiles_languages_idx').using('gin', t.languages)
	]
);
