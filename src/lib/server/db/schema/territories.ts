import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

/**
 * A hierarchy (city → district → neighbourhood). `path` is the chain of ids from the root,
 * "/a/b/c/", so "this territory and everything under it" is one indexed prefix match.
 */
export const territories = pgTable(
	'territories',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		parentId: uuid('parent_id').references((): AnyPgColumn => territories.id, {
			onDelete: 'restrict'
		}),
		name: text('name').notNull(),
		path: text('path').notNull(),
		depth: integer('depth').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('territories_path_key').on(t.path),
		index('territories_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
		uniqueIndex('territories_sibling_name_key').on(
			sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
			sql`lower(${t.name})`
		)
	]
);
