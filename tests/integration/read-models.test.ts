// A screen's read model: the need page reads the need once, its other parts at once, and
// writes nothing, not even the end of a claim past its time (the sweep records that). The
// channel page checks membership once. A write answers what its callers use, and reads
// nothing back for them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { advanceClock, HOUR, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { channelPage } from '../../src/lib/server/channels/channel-page';
import { sendMessage } from '../../src/lib/server/channels/messages';
import { createChannel } from '../../src/lib/server/channels/service';
import { claims, needHistory } from '../../src/lib/server/db/schema';
import { claimNeed, sweepExpiredClaims } from '../../src/lib/server/needs/claims';
import { needPage } from '../../src/lib/server/needs/need-page';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { codeOf, signedUpActor } from '../helpers/outcomes';

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
			// The one write a read makes: the helper saw the author's contact (docs/privacy.md).
			const writes = queries.filter((q) => !/^\s*(select|with)\b/i.test(q));
			expect(writes).toHaveLength(who === helper ? 1 : 0);
			if (writes.length) expect(writes[0]).toMatch(/^insert into "data_access_log"/);
			expect(result.need).toMatchObject({ id: need.id, status: 'in_progress', claimedCount: 1 });
			// The contact log is for those who work on it, not for who only asked.
			expect(result.contacts === null).toBe(who === author);
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

describe('posting a need', () => {
	it('answers the new id and reads nothing back', async () => {
		const author = await signedUpActor('Poster');
		const { result, queries } = await count(() => postNeed(author));
		expect(result).toEqual({ id: expect.any(String) });
		const inserted = queries.findIndex((q) => /^\s*insert into "needs"/i.test(q));
		expect(inserted).toBeGreaterThanOrEqual(0);
		// After the insert only writes: the need, its parts and its history are not read again
		// (the consent's lock on the need's row reads nothing back).
		const after = queries.slice(inserted + 1);
		const reads = after.filter((q) => /^\s*(select|with)\b/i.test(q) && !/ for update$/.test(q));
		expect(reads).toEqual([]);
		expect(queries.filter(isNeedQuery)).toEqual([]);
		console.log(`posting a need: ${queries.length} statements`);
	});
});

// The membership check: whether the person belongs to the channel, by name or organisation.
const isMembershipCheck = (sql: string) => /exists \(select 1 from "channel_members"/.test(sql);

describe('the channel page', () => {
	async function groupWithMessages() {
		const owner = await signedUpActor('Fondatrice');
		const member = await signedUpActor('Socio');
		const channel = await createChannel(owner, {
			kind: 'group',
			name: 'Spesa',
			members: [member.id],
			organisationIds: []
		});
		for (const body of ['Ciao', 'Ci sono']) await sendMessage(member, channel.id, { body });
		return { owner, member, channel };
	}

	it('checks membership once, and answers everything the page shows', async () => {
		const { owner, member, channel } = await groupWithMessages();
		const { result, queries } = await count(() => channelPage(owner, channel.id));
		expect(queries.filter(isMembershipCheck)).toHaveLength(1);
		expect(queries.every((q) => /^\s*(select|with)\b/i.test(q))).toBe(true);
		expect(result.channel).toMatchObject({ id: channel.id, kind: 'group', isMember: true });
		expect(result.members.map((p) => p.id).sort()).toEqual([owner.id, member.id].sort());
		expect(result.messages.map((m) => m.body)).toEqual(['Ciao', 'Ci sono']);
		expect(result).toMatchObject({ me: owner.id, hasEarlier: false });
		console.log(`channel page: ${queries.length} queries`);
	});

	it('says what each member may do, from the channel policy', async () => {
		const { owner, member, channel } = await groupWithMessages();
		expect((await channelPage(owner, channel.id)).can).toEqual({ invite: true, leave: true });
		expect((await channelPage(member, channel.id)).can).toEqual({ invite: true, leave: true });
	});

	it('does not exist for someone outside it', async () => {
		const { channel } = await groupWithMessages();
		const stranger = await signedUpActor('Estranea');
		expect(await codeOf(channelPage(stranger, channel.id))).toBe('not_found');
	});
});
