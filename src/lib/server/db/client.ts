import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import type { Logger } from 'drizzle-orm/logger';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database or an open transaction: what a query helper may run on. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
	db: Database;
	driver: 'postgres' | 'pglite';
	/** The PostgreSQL connection string, when on PostgreSQL. */
	url?: string;
	/** Rows of a raw `db.execute()`, whichever driver answered (postgres.js: array; PGlite: { rows }). */
	rows<T>(result: unknown): T[];
	close(): Promise<void>;
}

export interface DatabaseOptions {
	databaseUrl?: string;
	dataDir: string;
	/** Connections in the postgres.js pool. */
	poolSize?: number;
	/** Told every statement drizzle sends (tests count a screen's queries with it). */
	logger?: Logger;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
	if (options.databaseUrl) {
		const sql = postgres(options.databaseUrl, {
			max: options.poolSize ?? 10,
			onnotice: () => {}
		});
		return {
			db: drizzlePostgres(sql, { schema, logger: options.logger }) as unknown as Database,
			driver: 'postgres',
			url: options.databaseUrl,
			rows: <T>(result: unknown) => result as T[],
			close: () => sql.end({ timeout: 5 })
		};
	}
	// PGlite does not create its parent folder.
	if (options.dataDir !== 'memory://') mkdirSync(options.dataDir, { recursive: true });
	const client = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
	return {
		db: drizzlePglite(client, { schema, logger: options.logger }) as unknown as Database,
		driver: 'pglite',
		rows: <T>(result: unknown) => (result as { rows: T[] }).rows,
		close: () => client.close()
	};
}

// The process's database. Kept on globalThis because in `vite dev` the app's modules can be
// loaded twice (Vite's graph and the config's), and a PGlite directory must be opened once.
const slot = globalThis as typeof globalThis & { __reteDatabase?: DatabaseHandle };

export function useDatabase(handle: DatabaseHandle | undefined) {
	slot.__reteDatabase = handle;
}

export function currentDatabase(): DatabaseHandle {
	const handle = slot.__reteDatabase;
	if (!handle) throw new Error('The database is not open yet');
	return handle;
}

/**
 * The open database, for capabilities to query. A proxy because the database is opened at
 * start-up (and swapped by tests), after the modules that use it have been imported.
 */
export const db: Database = new Proxy({} as Database, {
	get(_target, property) {
		const target = currentDatabase().db;
		const value = Reflect.get(target, property, target);
		return typeof value === 'function' ? value.bind(target) : value;
	}
});

const statements = new WeakMap<DatabaseHandle, Map<string, unknown>>();

/**
 * A query built once per open database and prepared there: hot queries (the session of every
 * request) skip drizzle's query building and PostgreSQL's planning. Values go in as placeholders.
 */
export function preparedOnce<T>(name: string, build: (db: Database) => T): T {
	const handle = currentDatabase();
	let byName = statements.get(handle);
	if (!byName) statements.set(handle, (byName = new Map()));
	if (!byName.has(name)) byName.set(name, build(handle.db));
	return byName.get(name) as T;
}
