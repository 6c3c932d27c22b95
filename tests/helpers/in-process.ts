import { inject } from 'vitest';
import { configure } from '../../src/lib/server/config';
import {
	openDatabase,
	useDatabase,
	type DatabaseHandle,
	type DatabaseOptions
} from '../../src/lib/server/db/client';
import { createTestDatabase } from './test-databases';

/**
 * Points the capabilities of this test file at a fresh copy of the template database, with the
 * configuration the environment gives plus `config` (e.g. `{ RATE_LIMIT_DISABLED: '1' }`);
 * `close` gives both back.
 */
export async function useTestDatabase(
	config: Record<string, string> = {},
	options: Pick<DatabaseOptions, 'logger'> = {}
): Promise<{
	handle: DatabaseHandle;
	close(): Promise<void>;
}> {
	configure(config);
	const database = await createTestDatabase(inject('templateDatabase'));
	const handle = await openDatabase({
		databaseUrl: database.databaseUrl,
		dataDir: database.dataDir,
		poolSize: 40,
		...options
	});
	useDatabase(handle);
	return {
		handle,
		async close() {
			await handle.close();
			useDatabase(undefined);
			configure();
			await database.drop();
		}
	};
}
