import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * The one row that says this network is set up. Whoever inserts it (the set-up page or the
 * first API signup) is its first administrator: the primary key makes that a single winner.
 */
export const network = pgTable(
	'network',
	{
		id: integer('id').primaryKey().default(1),
		name: text('name').notNull(),
		foundedBy: uuid('founded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('network_single_row', sql`${t.id} = 1`)]
);
