// Databases for tests: one migrated template per run (made in global-setup.ts), and a cheap
// copy of it per test file or server. PostgreSQL when DATABASE_URL is set, PGlite otherwise.
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';

export const postgresUrl = process.env.DATABASE_URL;
export const tmpRoot = path.resolve('.tmp');

export function databaseUrlFor(name: string): string {
	const url = new URL(postgresUrl!);
	url.pathname = `/${name}`;
	return url.toString();
}

export function adminConnection() {
	return postgres(postgresUrl!, { max: 1, onnotice: () => {} });
}

let counter = 0;
function uniqueName(prefix: string) {
	return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

export interface TestDatabase {
	/** Environment for a server process or for openDatabase: DATABASE_URL or DATA_DIR. */
	env: { DATABASE_URL?: string; DATA_DIR?: string };
	databaseUrl?: string;
	dataDir: string;
	drop(): Promise<void>;
}

/** A fresh, migrated, empty database copied from the run's template. */
export async function createTestDatabase(template: string): Promise<TestDatabase> {
	if (postgresUrl) {
		const name = uniqueName('rete_t');
		const admin = adminConnection();
		try {
			// Copies of one template cannot start at the same instant; wait and retry.
			for (let attempt = 0; ; attempt++) {
				try {
					await admin.unsafe(`create database "${name}" template "${template}"`);
					break;
				} catch (error) {
					if (attempt > 50 || !/being accessed by other users/.test(String(error))) throw error;
					await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
				}
			}
		} finally {
			await admin.end();
		}
		const databaseUrl = databaseUrlFor(name);
		return {
			env: { DATABASE_URL: databaseUrl },
			databaseUrl,
			dataDir: '',
			drop: async () => {
				const a = adminConnection();
				try {
					await a.unsafe(`drop database if exists "${name}" with (force)`);
				} finally {
					await a.end();
				}
			}
		};
	}
	const dataDir = path.join(tmpRoot, uniqueName('pglite'));
	await mkdir(tmpRoot, { recursive: true });
	await cp(template, dataDir, { recursive: true });
	return {
		env: { DATA_DIR: dataDir },
		dataDir,
		// The keyed-hash secrets sit beside the data directory (secrets.ts).
		drop: async () => {
			await rm(dataDir, { recursive: true, force: true });
			for (const purpose of ['person-key', 'identity'])
				await rm(`${dataDir}.${purpose}`, { force: true });
		}
	};
}
