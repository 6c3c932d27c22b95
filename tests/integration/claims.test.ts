// Claims in-process: capacity under concurrency (meaningful on PostgreSQL), expiry with a moved
// clock, extension, release, caps and outcomes, each in the need's history.
import { testActor } from '../helpers/actors';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/auth/actor';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db/client';
import { claims, needHistory } from '../../src/lib/server/db/schema';
import {
	claimNeed,
	extendClaim,
	releaseClaims,
	sweepExpiredClaims
} from '../../src/lib/server/needs/claims';
import { finishClaim } from '../../src/lib/server/needs/claim-endings';
import { completeNeed, createNeed, getNeed } from '../../src/lib/server/needs/service';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';
import { useTestDatabase } from '../helpers/in-process';
import { codeWithReason, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let author: Actor;
const HOUR = 3_600_000;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
	author = await person('Autrice');
});
afterAll(() => database.close());
afterEach(() => resetClock());

const person = signedUpActor;

async function volunteers(n: number) {
	// Accounts are created in sequence (argon2 is the slow part), claims then race.
	const list: Actor[] = [];
	for (let i = 0; i < n; i++) list.push(await person(`V${i}`));
	return list;
}

let counter = 0;
async function need(fields: Record<string, unknown> = {}) {
	const { id } = await createNeed(
		author,
		createNeedSchema.parse({
			title: `Richiesta di prova numero ${counter++} ${crypto.randomUUID()}`,
			description: 'Descrizione',
			category: 'other',
			allowDuplicate: true,
			...fields
		})
	);
	// The tests look at the need as its author sees it.
	return getNeed(author, id);
}

async function history(needId: string) {
	// Test needs look alike and are posted anyway: that entry is not what these tests look at.
	return (
		await db
			.select()
			.from(needHistory)
			.where(eq(needHistory.needId, needId))
			.orderBy(needHistory.seq)
	)
		.map((h) => h.action)
		.filter((a) => a !== 'posted_despite_duplicates');
}

describe('capacity, enforced by the database', () => {
	for (const capacity of [1, 3]) {
		it(`50 volunteers claiming at once at capacity ${capacity}: exactly ${capacity} win, the rest get already_claimed`, async () => {
			const target = await need({ capacity });
			const crowd = await volunteers(50);
			const results = await Promise.all(crowd.map((v) => codeWithReason(claimNeed(v, target.id))));
			expect(results.filter((r) => r === 'ok')).toHaveLength(capacity);
			expect(results.filter((r) => r === 'already_claimed')).toHaveLength(50 - capacity);
			const active = await db
				.select()
				.from(claims)
				.where(and(eq(claims.needId, target.id), eq(claims.status, 'active')));
			expect(active).toHaveLength(capacity);
			expect(new Set(active.map((c) => c.slot))).toEqual(
				new Set(Array.from({ length: capacity }, (_, i) => i + 1))
			);
		});
	}

	it('parts are claimed separately, each up to its own capacity', async () => {
		const target = await need({
			parts: [
				{ title: 'Spesa', capacity: 1 },
				{ title: 'Telefonata serale', capacity: 2 }
			]
		});
		expect(target.capacity).toBe(3);
		const [shopping, call] = target.parts;
		const [a, b, c, d] = await volunteers(4);
		expect(await codeWithReason(claimNeed(a, target.id, shopping.id))).toBe('ok');
		expect(await codeWithReason(claimNeed(b, target.id, shopping.id))).toBe('already_claimed');
		expect(await codeWithReason(claimNeed(b, target.id))).toBe('ok'); // the first part with room: the call
		expect(await codeWithReason(claimNeed(c, target.id, call.id))).toBe('ok');
		expect(await codeWithReason(claimNeed(d, target.id))).toBe('already_claimed');
		const seen = await getNeed(author, target.id);
		expect(seen.parts.map((p) => p.claimedCount)).toEqual([1, 2]);
		expect(seen.status).toBe('in_progress');
	});
});

describe('expiry, extension and release', () => {
	it('a claim expires after the category’s hours: a read shows it ended, the sweep records it', async () => {
		const target = await need();
		const [v] = await volunteers(1);
		const claim = await claimNeed(v, target.id);
		expect(new Date(claim.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * HOUR);

		advanceClock(48 * HOUR);
		const extended = await extendClaim(v, target.id, claim.id);
		expect(new Date(extended.expiresAt).getTime() - Date.now()).toBeGreaterThan(
			48 * HOUR + 71 * HOUR
		);

		advanceClock(73 * HOUR);
		// A read shows the claim ended at once, and writes nothing: the sweep records it.
		const seen = await getNeed(author, target.id);
		expect(seen).toMatchObject({ status: 'open', claimedCount: 0, claims: [] });
		expect(await history(target.id)).toEqual(['posted', 'claimed', 'extended']);
		const [stored] = await db.select().from(claims).where(eq(claims.id, claim.id));
		expect(stored.status).toBe('active');
		expect(await sweepExpiredClaims()).toBeGreaterThanOrEqual(1);
		expect(await history(target.id)).toEqual(['posted', 'claimed', 'extended', 'expired']);

		const other = await need();
		await claimNeed(v, other.id);
		advanceClock(80 * HOUR);
		expect(await sweepExpiredClaims()).toBeGreaterThanOrEqual(1);
		expect(await history(other.id)).toEqual(['posted', 'claimed', 'expired']);
	});

	it('a holder releases with a reason; only their own claims', async () => {
		const target = await need({ capacity: 2 });
		const [a, b] = await volunteers(2);
		await claimNeed(a, target.id);
		await claimNeed(b, target.id);
		await releaseClaims(a, target.id, 'Sono malato questa settimana');
		const [released] = await db
			.select()
			.from(claims)
			.where(and(eq(claims.needId, target.id), eq(claims.userId, a.id)));
		expect(released).toMatchObject({
			status: 'released',
			endReason: 'Sono malato questa settimana'
		});
		expect(await codeWithReason(releaseClaims(a, target.id))).toBe('not_found');
		expect((await getNeed(author, target.id)).claimedCount).toBe(1);
	});
});

describe('caps and outcomes', () => {
	it('a volunteer holds at most the cap at once, raised by completed help', async () => {
		const cap = config().claimCap;
		const [v] = await volunteers(1);
		const many = [];
		for (let i = 0; i < cap + 1; i++) many.push(await need());
		const held = [];
		for (let i = 0; i < cap; i++) held.push(await claimNeed(v, many[i].id));
		expect(await codeWithReason(claimNeed(v, many[cap].id))).toBe('conflict:claim_limit');
		// Three claims ended as done raise the cap by one (and free three places).
		for (let i = 0; i < 3; i++)
			await finishClaim(v, many[i].id, held[i].id, { result: 'done', note: '' });
		for (let i = 0; i < 3; i++) await claimNeed(v, (await need()).id);
		expect(await codeWithReason(claimNeed(v, many[cap].id))).toBe('ok');
	});

	it('outcomes close the need; a duplicate points to its original', async () => {
		const original = await need();
		const copy = await need();
		await completeNeed(author, copy.id, {
			outcome: 'duplicate',
			duplicateOf: original.id,
			note: ''
		});
		expect(await getNeed(author, copy.id)).toMatchObject({
			status: 'closed',
			outcome: 'duplicate',
			duplicateOfId: original.id
		});
		expect(
			await codeWithReason(
				completeNeed(author, copy.id, { outcome: 'done', duplicateOf: null, note: '' })
			)
		).toBe('conflict:need_closed');
		const [v] = await volunteers(1);
		expect(await codeWithReason(claimNeed(v, copy.id))).toBe('conflict:need_closed');
		const gone = await need();
		expect(
			await codeWithReason(
				completeNeed(v, gone.id, { outcome: 'no_longer_needed', duplicateOf: null, note: '' })
			)
		).toBe('forbidden');
		await completeNeed(author, gone.id, {
			outcome: 'no_longer_needed',
			duplicateOf: null,
			note: ''
		});
		expect((await getNeed(author, gone.id)).status).toBe('closed');
	});
});

describe('claim length per category', () => {
	it('follows the hours the administrators set for the category', async () => {
		const { saveCategory } = await import('../../src/lib/server/administration/service');
		const admin: Actor = testActor(author.id, { isAdmin: true });
		await saveCategory(admin, {
			id: 'urgent_visits',
			labelIt: 'Visite urgenti',
			labelEn: 'Urgent visits',
			claimHours: 4
		});
		const target = await need({ category: 'urgent_visits' });
		const [v] = await volunteers(1);
		const claim = await claimNeed(v, target.id);
		const hours = (new Date(claim.expiresAt).getTime() - Date.now()) / HOUR;
		expect(hours).toBeGreaterThan(3.9);
		expect(hours).toBeLessThanOrEqual(4);
	});
});
