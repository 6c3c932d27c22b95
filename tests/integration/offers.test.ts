// Offers in-process: posting, the capacity invariant under concurrency (meaningful on
// PostgreSQL), accepting with a claim racing ordinary claims, who may see and do what, the end
// date, the history and the feed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/auth/actor';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { claims, offerHistory, offers, skills } from '../../src/lib/server/db/schema';
import { feedPage } from '../../src/lib/server/feed/feed';
import { claimNeed } from '../../src/lib/server/needs/claims';
import { decideOfferRequest, requestOffer } from '../../src/lib/server/offers/requests';
import {
	createOffer,
	getOffer,
	listOffers,
	setOfferStatus,
	sweepEndedOffers,
	updateOffer
} from '../../src/lib/server/offers/service';
import {
	createOfferSchema,
	feedQuerySchema,
	offerDecisionSchema,
	offerRequestSchema,
	offersQuerySchema,
	updateOfferSchema
} from '../../src/lib/shared/schemas/offers';
import { useTestDatabase } from '../helpers/in-process';
import { organisation, people } from '../helpers/organisations';
import { postNeed } from '../helpers/needs';
import { codeWithReason, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let author: Actor;
const DAY = 86_400_000;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
	author = await person('Offre');
});
afterAll(() => database.close());
afterEach(() => resetClock());

const person = signedUpActor;

function offer(by: Actor, fields: Record<string, unknown> = {}) {
	return createOffer(
		by,
		createOfferSchema.parse({
			kind: 'transport',
			title: `Passaggi in auto ${crypto.randomUUID().slice(0, 8)}`,
			description: 'Accompagno a visite mediche il martedì mattina.',
			category: 'health',
			...fields
		})
	);
}

const ask = (who: Actor, offerId: string, fields: Record<string, unknown> = {}) =>
	requestOffer(who, offerId, offerRequestSchema.parse({ message: 'Grazie!', ...fields }));
const decide = (who: Actor, requestId: string, decision: string) =>
	decideOfferRequest(who, requestId, offerDecisionSchema.parse({ decision }));

async function historyOf(offerId: string) {
	const rows = await db
		.select()
		.from(offerHistory)
		.where(eq(offerHistory.offerId, offerId))
		.orderBy(offerHistory.seq);
	return rows.map((h) => h.action);
}

describe('posting and changing an offer', () => {
	it('is open with a capacity of 1 by default, and every change is in its history', async () => {
		const { id } = await offer(author);
		const posted = await getOffer(author, id);
		expect(posted).toMatchObject({
			status: 'open',
			capacity: 1,
			acceptedCount: 0,
			kind: 'transport'
		});
		expect(JSON.stringify(posted)).not.toMatch(/phone|email|contact/i);
		await updateOffer(
			author,
			id,
			updateOfferSchema.parse({ ...posted, category: posted.category, capacity: 3 })
		);
		await setOfferStatus(author, id, 'paused');
		expect((await getOffer(author, id)).status).toBe('paused');
		await setOfferStatus(author, id, 'open');
		await setOfferStatus(author, id, 'closed');
		expect(await historyOf(id)).toEqual(['posted', 'edited', 'paused', 'reopened', 'closed']);
	});

	it('refuses an unknown category, a past end date and organisation-only without one', async () => {
		expect(await codeWithReason(offer(author, { category: 'nope' }))).toBe('invalid_input');
		expect(await codeWithReason(offer(author, { until: '2001-01-01' }))).toBe('invalid_input');
		expect(() =>
			createOfferSchema.parse({
				kind: 'time',
				title: 'Tempo libero',
				description: 'x',
				category: 'food',
				visibility: 'organisation'
			})
		).toThrow();
	});

	it('closes by itself after its last day: at once when read, and in writing by the sweep', async () => {
		const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
		const { id } = await offer(author, { until: tomorrow });
		advanceClock(3 * DAY);
		expect((await getOffer(author, id)).status).toBe('closed');
		expect(await sweepEndedOffers()).toBeGreaterThanOrEqual(1);
		const [row] = await db.select().from(offers).where(eq(offers.id, id));
		expect(row.status).toBe('closed');
		expect(await historyOf(id)).toContain('ended');
	});
});

describe('capacity, enforced by the database', () => {
	it('50 requests accepted at once on an offer of capacity 3: exactly 3 are accepted', async () => {
		const { id } = await offer(author, { capacity: 3 });
		const crowd = await people(50, 'Richiedente');
		const requests = [];
		for (const who of crowd) requests.push(await ask(who, id));
		const results = await Promise.all(
			requests.map((r) => codeWithReason(decide(author, r.id, 'accept')))
		);
		expect(results.filter((r) => r === 'ok')).toHaveLength(3);
		expect(results.filter((r) => r === 'conflict:offer_full')).toHaveLength(47);
		const view = await getOffer(author, id);
		expect(view).toMatchObject({ acceptedCount: 3, status: 'full' });
		// A full offer takes no new requests; one cancelled before it is done gives its unit back.
		expect(await codeWithReason(ask(await person('Tardi'), id))).toBe('conflict:offer_full');
		const accepted = requests[results.indexOf('ok')];
		await decide(crowd[results.indexOf('ok')], accepted.id, 'cancel');
		expect(await getOffer(author, id)).toMatchObject({ acceptedCount: 2, status: 'open' });
	});

	it('accepting for a need races ordinary claims: never one helper too many on either side', async () => {
		const resident = await person('Residente');
		const need = await postNeed(resident, { capacity: 1, claimRule: 'anyone' });
		const { id } = await offer(author, { capacity: 2 });
		const request = await ask(resident, id, { needId: need.id });
		const crowd = await people(20, 'Volontario');
		const [accepted, ...claimed] = await Promise.all([
			codeWithReason(decide(author, request.id, 'accept')),
			...crowd.map((v) => codeWithReason(claimNeed(v, need.id)))
		]);
		const active = await db
			.select()
			.from(claims)
			.where(and(eq(claims.needId, need.id), eq(claims.status, 'active')));
		expect(active).toHaveLength(1);
		const offerNow = await getOffer(author, id);
		if (accepted === 'ok') {
			expect(active[0].userId).toBe(author.id);
			expect(claimed.every((c) => c === 'already_claimed')).toBe(true);
			expect(offerNow.acceptedCount).toBe(1);
		} else {
			// The need filled first: nothing was accepted, the request still waits.
			expect(accepted).toBe('already_claimed');
			expect(offerNow.acceptedCount).toBe(0);
			expect(claimed.filter((c) => c === 'ok')).toHaveLength(1);
		}
	});

	it('an accepted request with a need gives its author a claim and a private channel', async () => {
		const resident = await person('Anna');
		const need = await postNeed(resident, { claimRule: 'anyone' });
		const { id } = await offer(author);
		const request = await ask(resident, id, { needId: need.id });
		const view = await decide(author, request.id, 'accept');
		expect(view).toMatchObject({
			status: 'accepted',
			needId: need.id,
			needTitle: expect.any(String)
		});
		expect(view.channelId).toEqual(expect.any(String));
		const [claim] = await db
			.select()
			.from(claims)
			.where(and(eq(claims.needId, need.id), eq(claims.userId, author.id)));
		expect(claim.status).toBe('active');
		expect(await historyOf(id)).toEqual(['posted', 'requested', 'accepted']);
	});
});

describe('asking for an offer', () => {
	it('refuses one’s own offer, a paused one, asking twice, and someone else’s need', async () => {
		const { id } = await offer(author, { capacity: 5 });
		const asker = await person('Chiede');
		const other = await person('Altro');
		const othersNeed = await postNeed(other);
		expect(await codeWithReason(ask(author, id))).toBe('forbidden:own_offer');
		expect(await codeWithReason(ask(asker, id, { needId: othersNeed.id }))).toBe('invalid_input');
		await ask(asker, id);
		expect(await codeWithReason(ask(asker, id))).toBe('conflict:already_requested');
		await setOfferStatus(author, id, 'paused');
		expect(await codeWithReason(ask(other, id))).toBe('conflict:offer_closed');
	});

	it('is refused at once when the offer’s author could not take the need (not_eligible)', async () => {
		const coordinator = await person('Coordina');
		const org = await organisation([[coordinator, 'coordinator']]);
		const staff = org.as(coordinator, 'coordinator');
		// Only the organisation's own people may take this need; the offer's author is outside it.
		const need = await postNeed(staff, { organisationId: org.id, claimRule: 'organisation' });
		const { id } = await offer(author);
		expect(await codeWithReason(ask(staff, id, { needId: need.id }))).toBe('conflict:not_eligible');
	});

	it('is refused at once when the need requires a skill the offer’s author lacks', async () => {
		const [skill] = await db
			.insert(skills)
			.values({ name: `Visite a domicilio ${crypto.randomUUID().slice(0, 6)}` })
			.returning({ id: skills.id });
		const resident = await person('Gate');
		const need = await postNeed(resident, {
			claimRule: 'anyone',
			parts: [{ title: 'Visita', capacity: 1, requiredSkillId: skill.id }]
		});
		const { id } = await offer(author);
		expect(await codeWithReason(ask(resident, id, { needId: need.id }))).toBe(
			'conflict:not_eligible'
		);
	});

	it('only its two sides see a request, and only the offer’s side answers it', async () => {
		const { id } = await offer(author, { capacity: 2 });
		const asker = await person('Lato');
		const stranger = await person('Estraneo');
		const request = await ask(asker, id);
		expect(await codeWithReason(decide(stranger, request.id, 'accept'))).toBe('not_found');
		expect(await codeWithReason(decide(asker, request.id, 'accept'))).toBe('forbidden');
		expect(await codeWithReason(decide(author, request.id, 'decline'))).toBe('ok');
		expect(await codeWithReason(decide(author, request.id, 'accept'))).toBe(
			'conflict:request_answered'
		);
	});
});

describe('who may see and do what with an organisation-only offer', () => {
	it.each([
		['its author', 'author', { view: 'ok', edit: 'ok', decide: 'ok' }],
		['a coordinator', 'coordinator', { view: 'ok', edit: 'ok', decide: 'ok' }],
		['an operator', 'operator', { view: 'ok', edit: 'forbidden', decide: 'ok' }],
		// A volunteer sees the offer, not others' requests: to them a request is not there.
		['a volunteer', 'volunteer', { view: 'ok', edit: 'forbidden', decide: 'not_found' }],
		['someone outside', 'outsider', { view: 'not_found', edit: 'not_found', decide: 'not_found' }]
	] as const)('%s', async (_, who, expected) => {
		const [owner, coordinator, operator, volunteer, outsider, asker] = await people(6, 'Ruolo');
		const org = await organisation([
			[owner, 'operator'],
			[coordinator, 'coordinator'],
			[operator, 'operator'],
			[volunteer, 'volunteer'],
			[asker, 'volunteer']
		]);
		const actors = {
			author: org.as(owner, 'operator'),
			coordinator: org.as(coordinator, 'coordinator'),
			operator: org.as(operator, 'operator'),
			volunteer: org.as(volunteer, 'volunteer'),
			outsider
		};
		const { id } = await offer(actors.author, {
			organisationId: org.id,
			visibility: 'organisation',
			capacity: 3
		});
		const request = await ask(org.as(asker, 'volunteer'), id);
		const actor = actors[who];
		const current = await getOffer(actors.author, id);
		expect({
			view: await codeWithReason(getOffer(actor, id)),
			edit: await codeWithReason(
				updateOffer(actor, id, updateOfferSchema.parse({ ...current, title: 'Nuovo titolo' }))
			),
			decide: await codeWithReason(decide(actor, request.id, 'decline').then(() => undefined))
		}).toEqual(expected);
		const listed = await listOffers(actor, offersQuerySchema.parse({ status: 'all' }));
		expect(listed.items.some((o) => o.id === id)).toBe(expected.view === 'ok');
	});
});

describe('the feed', () => {
	it('lists needs and offers together or apart, newest first, page by page', async () => {
		const word = `parola${crypto.randomUUID().slice(0, 6)}`;
		const poster = await person('Misto');
		for (let i = 0; i < 3; i++) {
			await postNeed(poster, { description: `Serve aiuto ${word}` });
			await offer(poster, { description: `Offro aiuto ${word}` });
		}
		const seen: string[] = [];
		let cursor: string | undefined;
		do {
			const page = await feedPage(author, feedQuerySchema.parse({ q: word, limit: 4, cursor }));
			seen.push(...page.items.map((i) => i.type));
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		expect(seen.filter((t) => t === 'need')).toHaveLength(3);
		expect(seen.filter((t) => t === 'offer')).toHaveLength(3);
		const onlyOffers = await feedPage(author, feedQuerySchema.parse({ q: word, type: 'offers' }));
		expect(onlyOffers.items.map((i) => i.type)).toEqual(['offer', 'offer', 'offer']);
	});
});
