import { inject } from 'vitest';
import { openDatabase, useDatabase, type DatabaseHandle } from '../../src/lib/server/db/client';
import { createTestDatabase } from './test-databases';

/** Points the capabilities of this test file at a fresh copy of the template database. */
export async function useTestDatabase(): Promise<{
	handle: DatabaseHandle;
	close(): Promise<void>;
}> {
	const database = await createTestDatabase(inject('templateDatabase'));
	const handle = await openDatabase({
		databaseUrl: database.databaseUrl,
		dataDir: database.dataDir,
		poolSize: 40
	});
	useDatabase(handle);
	return {
		handle,
		async close() {
			await handle.close();
			useDatabase(undefined);
			await database.drop();
		}
	};
}
