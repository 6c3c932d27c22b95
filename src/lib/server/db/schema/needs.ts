import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organisations } from './organisations';
import { territories } from './territories';

export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export const needVisibilities = ['public', 'organisation'] as const;
export const needStatuses = ['open', 'in_progress', 'fulfilled', 'closed'] as const;

/** Need categories the administrators keep; the id is a stable slug used by the API. */
export const categories = pgTable('categories', {
	id: text('id').primaryKey(),
	labelIt: text('label_it').notNull(),
	labelEn: text('label_en').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

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
		/** How to reach the person helped. Shown only to those the needs policy allows. */
		contact: text('contact').notNull().default(''),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		status: text('status', { enum: needStatuses }).notNull().default('open'),
		capacity: integer('capacity').notNull().default(1),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('needs_status_created_idx').on(t.status, t.createdAt),
		index('needs_organisation_idx').on(t.organisationId),
		index('needs_territory_idx').on(t.territoryId),
		// An organisation-only need must belong to an organisation.
		check(
			'needs_organisation_visibility',
			sql`${t.visibility} = 'public' or ${t.organisationId} is not null`
		),
		check('needs_capacity_positive', sql`${t.capacity} between 1 and 100`)
	]
);
