import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfStale } from '../../scripts/build.js';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { adminConnection, databaseUrlFor, postgresUrl, tmpRoot } from './test-databases';

declare module 'vitest' {
	export interface ProvidedContext {
		templateDatabase: string;
	}
}

/**
 * Once per run: the production build, made again when a source is newer (servers under test are
 * the real thing, never an old one), and a migrated template database that every test file
 * copies instead of migrating its own.
 */
export default async function setup(project: TestProject) {
	if (buildIfStale() !== 0) throw new Error('the production build failed');
	await mkdir(tmpRoot, { recursive: true });

	if (postgresUrl) {
		const name = `rete_tpl_${process.pid}_${Date.now().toString(36)}`;
		const admin = adminConnection();
		await admin.unsafe(`create database "${name}"`);
		await admin.end();
		const handle = await openDatabase({ databaseUrl: databaseUrlFor(name), dataDir: '' });
		await migrate(handle);
		await handle.close();
		project.provide('templateDatabase', name);
		return async () => {
			const a = adminConnection();
			await a.unsafe(`drop database if exists "${name}" with (force)`);
			// Copies a crashed run left behind.
			const stale = await a<{ datname: string }[]>`
				select datname from pg_database where datname like ${`rete_t_${process.pid}_%`}`;
			for (const { datname } of stale)
				await a.unsafe(`drop database if exists "${datname}" with (force)`);
			await a.end();
		};
	}

	const dir = path.join(tmpRoot, `pglite-template-${process.pid}`);
	await rm(dir, { recursive: true, force: true });
	const handle = await openDatabase({ dataDir: dir });
	await migrate(handle);
	await handle.close();
	project.provide('templateDatabase', dir);
	return async () => {
		await rm(dir, { recursive: true, force: true });
	};
}
