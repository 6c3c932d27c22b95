// A screen's read model: the need page reads the need once, its other parts at once, and
// writes nothing, not even the end of a claim past its time (the sweep records that).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { advanceClock, HOUR, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { claims, needHistory } from '../../src/lib/server/db/schema';
import { claimNeed, sweepExpiredClaims } from '../../src/lib/server/needs/claims';
import { needPage } from '../../src/lib/server/needs/need-page';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { signedUpActor } from '../helpers/outcomes';

const statements: string[] = [];
let counting = false;
let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
	database = await useTestDatabase(
		{ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' },
		{ logger: { logQuery: (query) => void (counting && statements.push(query)) } }
	);
});
afterAll(() => database.close());
afterEach(() => resetClock());

async function count<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
	statements.length = 0;
	counting = true;
	try {
		return { result: await run(), queries: [...statements] };
	} finally {
		counting = false;
	}
}

async function postedAndClaimed() {
	const author = await signedUpActor('Autrice');
	const helper = await signedUpActor('Aiutante');
	const need = await postNeed(author, { contact: '333 1234567' });
	const claim = await claimNeed(helper, need.id);
	return { author, helper, need, claim };
}

// The need's own query: the one that aggregates its parts.
const isNeedQuery = (sql: string) => /from "needs"/.test(sql) && /need_parts/.test(sql);

describe('the need page', () => {
	it('reads the need once, and answers everything the page shows', async () => {
		const { author, helper, need } = await postedAndClaimed();
		for (const who of [author, helper]) {
			const { result, queries } = await count(() => needPage(who, need.id));
			expect(queries.filter(isNeedQuery)).toHaveLength(1);
			expect(queries.every((q) => /^\s*(select|with)\b/i.test(q))).toBe(true);
			expect(result.need).toMatchObject({ id: need.id, status: 'in_progress', claimedCount: 1 });
			expect(result.contacts).not.toBeNull();
			expect(result.history.map((h) => h.action)).toEqual(['posted', 'claimed']);
			console.log(`need page for the ${who.name}: ${queries.length} queries`);
		}
	});

	it('says what each person may do, from the policy', async () => {
		const { author, helper, need } = await postedAndClaimed();
		const stranger = await signedUpActor('Estraneo');
		const { can: byAuthor } = await needPage(author, need.id);
		const { can: byHelper } = await needPage(helper, need.id);
		const { can: byStranger, contacts } = await needPage(stranger, need.id);
		expect(byAuthor).toMatchObject({ complete: true, edit: true, claim: false, channel: true });
		expect(byHelper).toMatchObject({ finishClaim: true, complete: false, channel: true });
		// The only slot is taken: a stranger may ask for it, not claim beside it.
		expect(byStranger).toMatchObject({ askHandover: true, channel: false, history: false });
		expect(contacts).toBeNull();
	});

	it('shows a claim past its end as ended, and leaves the writing to the sweep', async () => {
		const { author, need, claim } = await postedAndClaimed();
		advanceClock(80 * HOUR);
		const { result, queries } = await count(() => needPage(author, need.id));
		expect(result.need).toMatchObject({ status: 'open', claimedCount: 0, claims: [] });
		expect(queries.every((q) => /^\s*(select|with)\b/i.test(q))).toBe(true);
		const [stored] = await db.select().from(claims).where(eq(claims.id, claim.id));
		expect(stored.status).toBe('active');
		const written = await db.select().from(needHistory).where(eq(needHistory.needId, need.id));
		expect(written.map((h) => h.action)).toEqual(['posted', 'claimed']);
		expect(await sweepExpiredClaims()).toBeGreaterThanOrEqual(1);
		const [swept] = await db.select().from(claims).where(eq(claims.id, claim.id));
		expect(swept.status).toBe('expired');
	});
});
