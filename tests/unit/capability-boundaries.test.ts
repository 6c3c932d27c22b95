// Channels ask needs through needs/for-channels.ts and read none of their tables; needs know
// nothing of channels. A new import across the line fails here, before it becomes a loop.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const server = join(import.meta.dirname, '../../src/lib/server');

/** Each module of a capability, with what it imports (from where, and which names). */
function importsOf(capability: string) {
	const dir = join(server, capability);
	return readdirSync(dir)
		.filter((f) => f.endsWith('.ts'))
		.flatMap((file) =>
			[
				...readFileSync(join(dir, file), 'utf8').matchAll(/import\s+([^;]*?)\s+from\s+'([^']+)'/g)
			].map(([, names, from]) => ({ file, from, names }))
		);
}

describe('needs and channels', () => {
	it('channels ask needs only through needs/for-channels', () => {
		const intoNeeds = importsOf('channels').filter(({ from }) => /(^|\/)needs(\/|$)/.test(from));
		expect(intoNeeds.map(({ from }) => from)).toEqual(intoNeeds.map(() => '../needs/for-channels'));
	});

	it('channels read none of the needs tables', () => {
		const tables = importsOf('channels')
			.filter(({ from }) => from === '../db/schema')
			.flatMap(({ file, names }) =>
				[...names.matchAll(/\b(needs|needParts|claims|categories|needHistory)\b/g)].map(
					([table]) => `${file}: ${table}`
				)
			);
		expect(tables).toEqual([]);
	});

	it('needs import nothing of channels', () => {
		const intoChannels = importsOf('needs').filter(({ from }) => /(^|\/)channels(\/|$)/.test(from));
		expect(intoChannels).toEqual([]);
	});
});
