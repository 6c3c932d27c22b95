import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import type { DatabaseHandle } from './client';

const migrationsFolder = process.env.MIGRATIONS_DIR ?? path.resolve('drizzle');

// Any constant will do: it only has to be the same on every node.
const MIGRATION_LOCK = 72_616_574;

/**
 * Applies the migrations in `drizzle/`. On PostgreSQL a session advisory lock makes nodes
 * starting together take turns, so a roll-out of N nodes migrates once.
 */
export async function migrate(handle: DatabaseHandle) {
	if (handle.driver === 'pglite') {
		await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
		return;
	}
	const sql = postgres(handle.url!, { max: 1, onnotice: () => {} });
	try {
		await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migratePostgres(drizzle(sql), { migrationsFolder });
		await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
	} finally {
		await sql.end({ timeout: 5 });
	}
}
