// The signed-in home, as each kind of person sees it: a resident finds her request (with who
// took it on) after it leaves the open board; a volunteer sees what they help with, what ends
// soon and what is near; a coordinator sees the organisation's desk; a new administrator sees
// the network's set-up tick itself. One read model, computed from what the database holds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorById, type Actor } from '../../src/lib/server/auth/actor';
import { addSkill } from '../../src/lib/server/administration/service';
import { advanceClock, HOUR, resetClock } from '../../src/lib/server/clock';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db/client';
import { memberships } from '../../src/lib/server/db/schema';
import { homePage } from '../../src/lib/server/home/home-page';
import { claimNeed } from '../../src/lib/server/needs/claims';
import { requestHandover } from '../../src/lib/server/needs/handovers';
import { listNeeds } from '../../src/lib/server/needs/service';
import { requestToJoin } from '../../src/lib/server/orgs/join-requests';
import { createOrganisation, reviewOrganisation } from '../../src/lib/server/orgs/service';
import { updateOwnProfile } from '../../src/lib/server/people/service';
import { createTerritory } from '../../src/lib/server/territories/service';
import { requestHandoverSchema } from '../../src/lib/shared/schemas/handovers';
import { createOrganisationSchema } from '../../src/lib/shared/schemas/orgs';
import { updateProfileSchema } from '../../src/lib/shared/schemas/people';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { codeOf, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

/** The actor as the server loads it, with their roles now. */
const reload = async (actor: Actor) => (await actorById(actor.id)) as Actor;

async function administrator() {
	const actor = await signedUpActor('Amministratrice');
	return { ...actor, isAdmin: true };
}

describe('the network set-up checklist', () => {
	// First in this file: its database holds no territory, skill or organisation yet.
	it('ticks each task as the network fills, and is for administrators only', async () => {
		const admin = await administrator();
		const states = async () =>
			Object.fromEntries((await homePage(admin)).setup!.map((t) => [t.id, t.state]));
		expect(await states()).toEqual({
			territories: 'todo',
			lists: 'todo',
			organisations: 'todo',
			verification: 'blocked'
		});

		await createTerritory(admin, { name: 'Borgo', parentId: null });
		await addSkill(admin, 'Guidare');
		expect(await states()).toMatchObject({ territories: 'done', lists: 'done' });

		const founder = await signedUpActor('Fondatrice');
		const org = await createOrganisation(
			founder,
			createOrganisationSchema.parse({ name: 'Vicini del Borgo', kind: 'group' })
		);
		const pending = (await homePage(admin)).setup!;
		expect(pending.find((t) => t.id === 'organisations')?.state).toBe('done');
		expect(pending.find((t) => t.id === 'verification')).toEqual({
			id: 'verification',
			state: 'todo',
			count: 1
		});

		await reviewOrganisation(admin, org.id, { decision: 'verify', reason: '' });
		expect((await states()).verification).toBe('done');

		// Nobody else sees it.
		expect((await homePage(founder)).setup).toBeNull();
	});
});

describe('a resident', () => {
	it('finds her request, with who took it on and what changed, after it leaves the board', async () => {
		const rosa = await signedUpActor('Rosa');
		const vito = await signedUpActor('Vito');
		const need = await postNeed(rosa);
		expect((await homePage(rosa)).requests.items[0]).toMatchObject({
			id: need.id,
			status: 'open',
			helpers: [],
			lastChange: { action: 'posted', actorName: 'Rosa' }
		});

		await claimNeed(vito, need.id);
		const open = await listNeeds(rosa, { status: 'open', limit: 100 });
		expect(open.items.map((n) => n.id)).not.toContain(need.id);

		const [mine] = (await homePage(rosa)).requests.items;
		expect(mine).toMatchObject({
			id: need.id,
			status: 'in_progress',
			helpers: ['Vito'],
			lastChange: { action: 'claimed', actorName: 'Vito' }
		});
		// "My requests" lists it whatever its status; someone else's are never in it.
		const authored = await listNeeds(rosa, { authored: true, limit: 100 });
		expect(authored.items.map((n) => n.id)).toEqual([need.id]);
		expect((await listNeeds(vito, { authored: true, limit: 100 })).items).toEqual([]);
	});
});

describe('a volunteer', () => {
	it('sees what they help with, what ends soon, and open needs where they live', async () => {
		const admin = await administrator();
		const place = await createTerritory(admin, {
			name: `Rione ${crypto.randomUUID()}`,
			parentId: null
		});
		const elsewhere = await createTerritory(admin, {
			name: `Altrove ${crypto.randomUUID()}`,
			parentId: null
		});
		const luca = await signedUpActor('Luca');
		await updateOwnProfile(luca, updateProfileSchema.parse({ homeTerritoryId: place.id }));
		const author = await signedUpActor('Autrice');
		const taken = await postNeed(author, { territoryId: place.id });
		const near = await postNeed(author, { territoryId: place.id });
		const far = await postNeed(author, { territoryId: elsewhere.id });
		await claimNeed(luca, taken.id);

		const home = await homePage(luca);
		expect(home.helping.items.map((n) => n.id)).toEqual([taken.id]);
		expect(home.helping.items[0].endingSoon).toBe(false);
		expect(home.near.territoryName).toBe(place.name);
		// Near: open needs of their territory, but not the one they already help with.
		expect(home.near.items.map((n) => n.id)).toEqual([near.id]);
		expect(home.near.items.map((n) => n.id)).not.toContain(far.id);

		const [claim] = (await listNeeds(luca, { helping: true, limit: 1 })).items[0].claims;
		const left = Date.parse(claim.expiresAt) - Date.now();
		advanceClock(left - (config().claimReminderHours - 1) * HOUR);
		expect((await homePage(luca)).helping.items[0].endingSoon).toBe(true);
	});
});

describe('a coordinator', () => {
	it("sees the organisation's queue, its pending handovers and its join requests", async () => {
		const admin = await administrator();
		const giulia = await signedUpActor('Giulia');
		const org = await createOrganisation(
			giulia,
			createOrganisationSchema.parse({ name: `Caritas ${crypto.randomUUID()}`, kind: 'ngo' })
		);
		await reviewOrganisation(admin, org.id, { decision: 'verify', reason: '' });
		const coordinator = await reload(giulia);
		const need = await postNeed(coordinator, { organisationId: org.id, claimRule: 'anyone' });

		const first = await homePage(coordinator);
		// What she posts for the organisation is its queue's, not one of her own requests.
		expect(first.requests.items).toEqual([]);
		const [desk] = first.organisations;
		expect(desk).toMatchObject({ id: org.id, role: 'coordinator', joinRequests: 0, handovers: [] });
		expect(desk.queue.items.map((n) => n.id)).toEqual([need.id]);

		const helper = await signedUpActor('Piero');
		const asker = await signedUpActor('Lucia');
		await claimNeed(helper, need.id);
		await requestHandover(asker, need.id, requestHandoverSchema.parse({ reason: 'La conosco' }));
		await requestToJoin(asker, org.id, { message: 'Posso aiutare' });

		const [after] = (await homePage(coordinator)).organisations;
		// Taken on: no longer waiting in the queue's open list.
		expect(after.queue.items).toEqual([]);
		expect(after.joinRequests).toBe(1);
		expect(after.handovers).toHaveLength(1);
		expect(after.handovers[0]).toMatchObject({
			needId: need.id,
			holder: { id: helper.id, name: 'Piero' },
			requester: { id: asker.id }
		});
		// The holder is asked; the asker sees it waiting.
		expect((await homePage(helper)).handovers.waiting.map((h) => h.needId)).toEqual([need.id]);
		expect((await homePage(asker)).handovers.asked.map((h) => h.needId)).toEqual([need.id]);

		// A volunteer of the organisation has no desk there, and an operator has no join requests.
		const volunteer = await signedUpActor('Volontaria');
		await db
			.insert(memberships)
			.values({ organisationId: org.id, userId: volunteer.id, role: 'volunteer' });
		expect((await homePage(await reload(volunteer))).organisations).toEqual([]);
		const operator = await signedUpActor('Operatore');
		await db
			.insert(memberships)
			.values({ organisationId: org.id, userId: operator.id, role: 'operator' });
		expect((await homePage(await reload(operator))).organisations[0].joinRequests).toBeNull();
	});

	it('is refused to someone not signed in', async () => {
		expect(await codeOf(homePage(null))).toBe('unauthenticated');
	});
});
