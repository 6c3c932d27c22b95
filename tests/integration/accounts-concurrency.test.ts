// Invariants the database holds under concurrent requests (meant for PostgreSQL, where requests
// truly overlap; on PGlite they serialise and must give the same answers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signup } from '../../src/lib/server/auth/service';
import { hit } from '../../src/lib/server/auth/rate-limit';
import { db } from '../../src/lib/server/db/client';
import { network, users } from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { useTestDatabase } from '../helpers/in-process';
import { goodPassword, uniqueEmail } from '../helpers/server';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1' });
});
afterAll(() => database.close());

describe('under concurrency', () => {
	it('20 signups at once on an empty network make exactly one administrator', async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				signup(
					{ email: uniqueEmail(`race${i}`), password: goodPassword, name: `P${i}` },
					{ ip: '127.0.0.1' }
				)
			)
		);
		expect(results.filter((r) => r.user.isAdmin)).toHaveLength(1);
		const admins = (await db.select().from(users)).filter((u) => u.isAdmin);
		expect(admins).toHaveLength(1);
		const rows = await db.select().from(network);
		expect(rows).toHaveLength(1);
		expect(rows[0].foundedBy).toBe(admins[0].id);
	});

	it('the same e-mail signed up 10 times at once makes one account; the rest get email_taken', async () => {
		const email = uniqueEmail('same');
		const outcomes = await Promise.all(
			Array.from({ length: 10 }, () =>
				signup({ email, password: goodPassword, name: 'Same' }, { ip: '127.0.0.1' }).then(
					() => 'ok',
					(e) => (e instanceof DomainError ? e.code : `unexpected ${e}`)
				)
			)
		);
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
		expect(outcomes.filter((o) => o === 'email_taken')).toHaveLength(9);
	});

	it('rate-limit counters count every concurrent hit exactly once', async () => {
		const rule = { limit: 1000, windowMs: 60_000 };
		const counts = await Promise.all(
			Array.from({ length: 50 }, () => hit('concurrency-key', rule))
		);
		expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 50 }, (_, i) => i + 1)
		);
	});
});
