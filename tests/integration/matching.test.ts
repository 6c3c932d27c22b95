// Matching in-process: the ranking on a small hand-built network where the right answer is
// known (the nearby, available, skilled, lightly loaded person first; an opted-out person never;
// a resident never sees people), who may see a need's suggestions, "needs for me", invitations,
// and the qualification gate (a part that requires a skill), hammered on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actorById, type Actor } from '../../src/lib/server/auth/actor';
import { addSkill, setCategorySkills } from '../../src/lib/server/administration/service';
import { advanceClock, now, HOUR } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import {
	auditLog,
	blocks,
	claims,
	memberships,
	notifications,
	offers
} from '../../src/lib/server/db/schema';
import { weekTime } from '../../src/lib/server/matching/context';
import {
	inviteToNeed,
	myMatches,
	needMatches,
	needSuggestions
} from '../../src/lib/server/matching/service';
import { claimNeed } from '../../src/lib/server/needs/claims';
import { requestHandover } from '../../src/lib/server/needs/handovers';
import { needPage } from '../../src/lib/server/needs/need-page';
import { startNotifications } from '../../src/lib/server/notifications/subscriptions';
import { createOrganisation, reviewOrganisation } from '../../src/lib/server/orgs/service';
import { updateOwnProfile } from '../../src/lib/server/people/service';
import { createTerritory } from '../../src/lib/server/territories/service';
import { requestHandoverSchema } from '../../src/lib/shared/schemas/handovers';
import { createOrganisationSchema } from '../../src/lib/shared/schemas/orgs';
import { updateProfileSchema } from '../../src/lib/shared/schemas/people';
import type { NeedMatch } from '../../src/lib/shared/views/matching';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { codeOf, codeWithReason, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let stopNotifications: () => void;

let admin: Actor;
let cora: Actor; // the organisation's coordinator
let otto: Actor; // its operator, who posts the need
let vera: Actor; // a volunteer of the organisation
let rita: Actor; // a resident asking for herself
let outsider: Actor;
let bea: Actor; // San Salvario, home visits, free now, no other claim: the best
let bruno: Actor; // the same, but already helping with two requests
let fabio: Actor; // home visits, free now, but across the city
let carla: Actor; // next door (Crocetta), no skill
let hilda: Actor; // like Bea, but switched suggestions off
let orgId: string;
let place: Record<string, string>;
let skill: Record<string, string>;
let slot: ReturnType<typeof weekTime>;

const reload = async (a: Actor) => (await actorById(a.id)) as Actor;

async function profile(a: Actor, fields: Record<string, unknown>) {
	await updateOwnProfile(a, updateProfileSchema.parse(fields));
}

const free = () => ({ [slot.day]: [slot.part!] });

async function offer(author: Actor, fields: Partial<typeof offers.$inferInsert> = {}) {
	const [row] = await db
		.insert(offers)
		.values({
			kind: 'time',
			title: `Offerta ${crypto.randomUUID()}`,
			description: 'Do una mano',
			categoryId: 'health',
			authorId: author.id,
			...fields
		})
		.returning({ id: offers.id });
	return row.id;
}

beforeAll(async () => {
	database = await useTestDatabase({
		RATE_LIMIT_DISABLED: '1',
		LOG_LEVEL: 'silent',
		PASSWORD_HASH: 'fast'
	});
	stopNotifications = startNotifications();
	// Matching weighs "free now": move out of the night, when no part of the day is now.
	if (weekTime(now()).part === null) advanceClock(7 * HOUR);
	slot = weekTime(now());

	admin = { ...(await signedUpActor('Amministratrice')), isAdmin: true };
	const city = await createTerritory(admin, { name: 'Torino', parentId: null });
	const centro = await createTerritory(admin, { name: 'Centro', parentId: city.id });
	const nord = await createTerritory(admin, { name: 'Nord', parentId: city.id });
	const salvario = await createTerritory(admin, { name: 'San Salvario', parentId: centro.id });
	const crocetta = await createTerritory(admin, { name: 'Crocetta', parentId: centro.id });
	const barriera = await createTerritory(admin, { name: 'Barriera', parentId: nord.id });
	place = { city: city.id, salvario: salvario.id, crocetta: crocetta.id, barriera: barriera.id };
	skill = {
		visits: (await addSkill(admin, 'Visite a domicilio')).id,
		driving: (await addSkill(admin, 'Guida'))!.id
	};
	await setCategorySkills(admin, 'health', [skill.visits]);

	cora = await signedUpActor('Cora');
	const org = await createOrganisation(
		cora,
		createOrganisationSchema.parse({ name: 'Salute in rete', kind: 'ngo' })
	);
	orgId = org.id;
	await reviewOrganisation(admin, orgId, { decision: 'verify', reason: '' });
	otto = await signedUpActor('Otto');
	vera = await signedUpActor('Vera');
	await db.insert(memberships).values([
		{ organisationId: orgId, userId: otto.id, role: 'operator' },
		{ organisationId: orgId, userId: vera.id, role: 'volunteer' }
	]);
	[cora, otto, vera] = await Promise.all([reload(cora), reload(otto), reload(vera)]);
	rita = await signedUpActor('Rita');
	outsider = await signedUpActor('Estranea');

	bea = await signedUpActor('Bea');
	bruno = await signedUpActor('Bruno');
	fabio = await signedUpActor('Fabio');
	carla = await signedUpActor('Carla');
	hilda = await signedUpActor('Hilda');
	const skilled = { skillIds: [skill.visits], availability: free(), languages: ['it', 'ar'] };
	await profile(bea, { ...skilled, homeTerritoryId: place.salvario });
	await profile(bruno, { ...skilled, homeTerritoryId: place.salvario });
	await profile(fabio, { ...skilled, homeTerritoryId: place.barriera });
	await profile(carla, { homeTerritoryId: place.crocetta });
	await profile(hilda, { ...skilled, homeTerritoryId: place.salvario, hideFromSuggestions: true });
	// Bruno already helps with two requests.
	for (let i = 0; i < 2; i++)
		await claimNeed(bruno, (await postNeed(rita, { claimRule: 'anyone' })).id);
});
afterAll(async () => {
	stopNotifications();
	await database.close();
});

/** A request of the organisation in San Salvario: a home visit (skill required) and shopping. */
async function orgNeed(fields: Record<string, unknown> = {}) {
	return postNeed(otto, {
		organisationId: orgId,
		category: 'health',
		territoryId: place.salvario,
		claimRule: 'anyone',
		parts: [
			{ title: 'Visita', capacity: 1, requiredSkillId: skill.visits },
			{ title: 'Spesa', capacity: 2 }
		],
		...fields
	});
}

const people = (items: NeedMatch[]) =>
	items.flatMap((i) => (i.type === 'person' ? [i.person.name] : []));
const offerIds = (items: NeedMatch[]) =>
	items.flatMap((i) => (i.type === 'offer' ? [i.offer.id] : []));

describe('ranking on a small network', () => {
	it('puts the nearby, available, skilled, lightly loaded person first; never an opted-out one', async () => {
		const need = await orgNeed();
		const items = await needMatches(cora, need.id);
		expect(people(items)).toEqual(['Bea', 'Bruno', 'Fabio', 'Carla']);
		const best = items.find((i) => i.type === 'person')!;
		expect(best.reasons).toEqual(
			expect.arrayContaining(['category', 'skill', 'territory', 'available_now', 'light_load'])
		);
		expect(best.details.territory).toEqual({ name: 'San Salvario', how: 'same' });
		expect(best.details.skills).toEqual(['Visite a domicilio']);
		expect(best.details.now).toEqual({ day: slot.day, part: slot.part });
		// Not the one asking, not the need's author, nobody who switched suggestions off.
		expect(people(items)).not.toContain('Hilda');
		expect(people(items)).not.toContain('Otto');
		expect(people(items)).not.toContain('Cora');
		// Scores go down.
		const scores = items.map((i) => i.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
	});

	it('leaves out someone already helping, and someone blocked either way', async () => {
		const need = await orgNeed();
		await claimNeed(carla, need.id);
		await db.insert(blocks).values({ blockerId: fabio.id, blockedId: cora.id });
		try {
			expect(people(await needMatches(cora, need.id))).toEqual(['Bea', 'Bruno']);
		} finally {
			await db.delete(blocks).where(eq(blocks.blockerId, fabio.id));
		}
	});

	it('when every part requires a skill, only people who have one are suggested', async () => {
		const need = await orgNeed({
			parts: [{ title: 'Visita', capacity: 2, requiredSkillId: skill.visits }]
		});
		expect(people(await needMatches(cora, need.id))).toEqual(['Bea', 'Bruno', 'Fabio']);
	});

	it('a resident sees open offers only, never people, and only offers that may serve her', async () => {
		const need = await postNeed(rita, { category: 'health', territoryId: place.salvario });
		const good = await offer(bea, { territoryId: place.salvario, availability: free() });
		const far = await offer(fabio, { territoryId: place.barriera });
		const full = await offer(bruno, { capacity: 1, acceptedCount: 1 });
		const paused = await offer(bruno, { status: 'paused' });
		const ended = await offer(bruno, { until: '2000-01-01' });
		const own = await offer(rita);
		const orgOnly = await offer(cora, { organisationId: orgId, visibility: 'organisation' });
		const hidden = await offer(bruno, { categoryId: 'food' });
		const items = await needMatches(rita, need.id);
		expect(items.every((i) => i.type === 'offer')).toBe(true);
		const ids = offerIds(items);
		expect(ids[0]).toBe(good);
		expect(ids).toContain(far);
		for (const absent of [full, paused, ended, own, orgOnly, hidden])
			expect(ids).not.toContain(absent);
		const first = items[0];
		expect(first.type === 'offer' && first.offer).toMatchObject({
			authorName: 'Bea',
			territoryName: 'San Salvario',
			status: 'open'
		});
		expect(first.reasons).toEqual(expect.arrayContaining(['category', 'territory']));
		// The same offers reach the organisation's staff, next to people.
		const staffNeed = await orgNeed();
		const forStaff = await needMatches(cora, staffNeed.id);
		expect(offerIds(forStaff)).toContain(good);
		expect(people(forStaff).length).toBeGreaterThan(0);
		await db.delete(offers);
	});
});

describe('who may see a need’s suggestions', () => {
	it.each([
		['the resident who asked', 'rita', 'resident', 'offers'],
		['an outsider', 'outsider', 'resident', 'forbidden'],
		['a helper holding a claim', 'carla', 'resident', 'forbidden'],
		['the operator who posted it', 'otto', 'organisation', 'all'],
		['the organisation’s coordinator', 'cora', 'organisation', 'all'],
		['a volunteer of the organisation', 'vera', 'organisation', 'forbidden'],
		['an outsider, on the organisation’s need', 'outsider', 'organisation', 'forbidden'],
		['a helper, on the organisation’s need', 'carla', 'organisation', 'forbidden']
	] as const)('%s', async (_label, who, kind, expected) => {
		const actors: Record<string, Actor> = { rita, outsider, carla, otto, cora, vera };
		const need =
			kind === 'resident'
				? await postNeed(rita, { category: 'health', claimRule: 'anyone' })
				: await orgNeed();
		if (who === 'carla') await claimNeed(carla, need.id);
		const outcome = await needMatches(actors[who], need.id).then(
			(items) => (items.some((i) => i.type === 'person') ? 'all' : 'offers'),
			(error) => error.code as string
		);
		// Offers only: with people around who would fit, none is shown.
		expect(outcome).toBe(expected);
	});

	it('an organisation-only need does not exist for outsiders (404)', async () => {
		const need = await orgNeed({ visibility: 'organisation' });
		expect(await codeOf(needMatches(outsider, need.id))).toBe('not_found');
	});
});

describe('needs for me', () => {
	it('lists open needs that fit, best first, with reasons; never one’s own or one already taken', async () => {
		const fits = await orgNeed();
		const elsewhere = await postNeed(rita, {
			category: 'food',
			territoryId: place.barriera,
			claimRule: 'anyone'
		});
		const mine = await postNeed(bea, { category: 'health', territoryId: place.salvario });
		const items = await myMatches(bea);
		const ids = items.map((i) => i.need.id);
		expect(ids).toContain(fits.id);
		expect(ids).not.toContain(mine.id);
		expect(ids.indexOf(fits.id)).toBeLessThan(
			ids.includes(elsewhere.id) ? ids.indexOf(elsewhere.id) : Infinity
		);
		const match = items.find((i) => i.need.id === fits.id)!;
		expect(match.reasons).toEqual(expect.arrayContaining(['category', 'skill', 'territory']));
		expect(match.details.territory).toEqual({ name: 'San Salvario', how: 'same' });
		const scores = items.map((i) => i.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));

		await claimNeed(bea, fits.id);
		expect((await myMatches(bea)).map((i) => i.need.id)).not.toContain(fits.id);
	});

	it('leaves out needs whose every part requires a skill one lacks', async () => {
		const gated = await orgNeed({
			parts: [{ title: 'Visita', capacity: 1, requiredSkillId: skill.visits }]
		});
		expect((await myMatches(carla)).map((i) => i.need.id)).not.toContain(gated.id);
		expect((await myMatches(fabio)).map((i) => i.need.id)).toContain(gated.id);
	});
});

describe('inviting a suggested person', () => {
	it('tells the person once, with a link to the need; staff only; never an opted-out person', async () => {
		const need = await orgNeed();
		expect(await codeOf(inviteToNeed(vera, need.id, bea.id))).toBe('forbidden');
		expect(await codeOf(inviteToNeed(rita, need.id, bea.id))).toBe('forbidden');
		expect(await codeOf(inviteToNeed(cora, need.id, hilda.id))).toBe('not_found');
		await inviteToNeed(cora, need.id, bea.id);
		await vi.waitFor(async () => {
			const rows = await db
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, bea.id), eq(notifications.kind, 'invited_to_need')));
			expect(rows.map((r) => r.data)).toEqual([
				{ needId: need.id, title: expect.any(String), who: 'Cora' }
			]);
		});
		expect(await codeWithReason(inviteToNeed(otto, need.id, bea.id))).toBe(
			'conflict:already_invited'
		);
	});

	it('invites once under concurrency: ten at the same instant, one invitation and one notice', async () => {
		const need = await orgNeed();
		const results = await Promise.allSettled(
			Array.from({ length: 10 }, (_, k) => inviteToNeed(k % 2 ? cora : otto, need.id, carla.id))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected'))
			expect(await codeWithReason(Promise.reject(r.reason))).toBe('conflict:already_invited');
		await vi.waitFor(async () => {
			const rows = await db
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, carla.id), eq(notifications.kind, 'invited_to_need')));
			expect(rows.filter((r) => r.data.needId === need.id)).toHaveLength(1);
		});
		const suggestions = await needSuggestions(cora, need.id);
		expect(suggestions?.invited).toEqual([carla.id]);
	});
});

describe('the categories ↔ skills list', () => {
	it('is kept by administrators, in the audit log', async () => {
		expect(await codeOf(setCategorySkills(cora, 'food', [skill.driving]))).toBe('forbidden');
		await setCategorySkills(admin, 'transport', [skill.driving]);
		const logged = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'category.skills_set'));
		expect(logged.map((l) => l.subjectId)).toEqual(expect.arrayContaining(['health', 'transport']));
		expect(await codeOf(setCategorySkills(admin, 'transport', [crypto.randomUUID()]))).toBe(
			'invalid_input'
		);
	});
});

describe('the qualification gate', () => {
	it('only people with the skill claim a part that requires it (409 not_qualified)', async () => {
		const need = await orgNeed();
		const [visit, shopping] = (await needPage(otto, need.id)).need.parts;
		expect(visit.requiredSkill).toEqual({ id: skill.visits, name: 'Visite a domicilio' });
		expect(await codeWithReason(claimNeed(carla, need.id, visit.id))).toBe(
			'conflict:not_qualified'
		);
		// Without naming a part, the first one she may take.
		const claim = await claimNeed(carla, need.id);
		expect(claim.partId).toBe(shopping.id);
		expect(await codeWithReason(claimNeed(bea, need.id, visit.id))).toBe('ok');
	});

	it('the need page offers the claim button only on the parts one may take', async () => {
		const need = await orgNeed();
		const [visit, shopping] = (await needPage(otto, need.id)).need.parts;
		expect((await needPage(carla, need.id)).can.claimableParts).toEqual([shopping.id]);
		expect((await needPage(bea, need.id)).can.claimableParts).toEqual([visit.id, shopping.id]);
	});

	it('refuses a part requiring an unknown skill when posting', async () => {
		expect(
			await codeOf(
				orgNeed({ parts: [{ title: 'Visita', capacity: 1, requiredSkillId: crypto.randomUUID() }] })
			)
		).toBe('invalid_input');
	});

	it('under a crowd of claims: exactly the capacity, and only people with the skill', async () => {
		const need = await orgNeed({
			parts: [{ title: 'Visita', capacity: 3, requiredSkillId: skill.visits }]
		});
		const crowd: { actor: Actor; skilled: boolean }[] = [];
		for (let i = 0; i < 30; i++) {
			const actor = await signedUpActor(`Folla${i}`);
			const skilled = i % 2 === 0;
			if (skilled) await profile(actor, { skillIds: [skill.visits] });
			crowd.push({ actor, skilled });
		}
		const results = await Promise.all(
			crowd.map(async (c) => ({ ...c, result: await codeWithReason(claimNeed(c.actor, need.id)) }))
		);
		expect(results.filter((r) => r.result === 'ok')).toHaveLength(3);
		expect(results.filter((r) => r.result === 'ok').every((r) => r.skilled)).toBe(true);
		expect(
			results.filter((r) => !r.skilled).every((r) => r.result === 'conflict:not_qualified')
		).toBe(true);
		expect(
			results
				.filter((r) => r.skilled && r.result !== 'ok')
				.every((r) => r.result === 'already_claimed')
		).toBe(true);
		const active = await db
			.select()
			.from(claims)
			.where(and(eq(claims.needId, need.id), eq(claims.status, 'active')));
		expect(active).toHaveLength(3);
	});
});

describe('the qualification gate on handovers', () => {
	it('nobody without the skill asks for a skill-gated slot to be handed over', async () => {
		const need = await orgNeed({
			parts: [{ title: 'Visita', capacity: 1, requiredSkillId: skill.visits }]
		});
		await claimNeed(bea, need.id);
		expect(
			await codeWithReason(
				requestHandover(carla, need.id, requestHandoverSchema.parse({ reason: 'Posso io' }))
			)
		).toBe('conflict:not_qualified');
		expect(
			await codeWithReason(
				requestHandover(fabio, need.id, requestHandoverSchema.parse({ reason: 'Posso io' }))
			)
		).toBe('ok');
	});
});
