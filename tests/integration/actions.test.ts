// Joint actions in-process: clash warnings on territory nesting and date overlaps, who may see
// and do what (table-driven, and the policy's SQL form agreeing with it), partners answering at
// once, sessions whose confirmed places never pass their capacity and whose waiting list stays
// 1, 2, 3… under concurrency (meaningful on PostgreSQL), the checklist and reach.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor, Role } from '../../src/lib/server/auth/actor';
import {
	actionCalendar,
	calendarEvents,
	networkCalendar
} from '../../src/lib/server/actions/calendar';
import { addPartner, answerPartner } from '../../src/lib/server/actions/partners';
import {
	cancelSignup,
	createSession,
	getSession,
	mySignup,
	markAttendance,
	sessionSheet,
	signUp,
	signupsOf
} from '../../src/lib/server/actions/sessions';
import {
	createAction,
	getAction,
	listActions,
	updateAction
} from '../../src/lib/server/actions/service';
import {
	addCommitment,
	addReach,
	addTask,
	getReach,
	listCommitments,
	sweepOverdueTasks,
	updateTask
} from '../../src/lib/server/actions/work';
import { whoDoesWhat } from '../../src/lib/server/actions/who-does-what';
import { removeTargetGroup, saveTargetGroup } from '../../src/lib/server/administration/service';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import {
	actionClashDecisions,
	actionSessions,
	channelMembers,
	memberships,
	sessionSignups
} from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { subscribe } from '../../src/lib/server/events/bus';
import { createTerritory } from '../../src/lib/server/territories/service';
import {
	actionsQuerySchema,
	commitmentSchema,
	createActionSchema,
	createSessionSchema,
	createTaskSchema,
	reachSchema,
	updateActionSchema,
	updateTaskSchema
} from '../../src/lib/shared/schemas/actions';
import { testActor } from '../helpers/actors';
import { useTestDatabase } from '../helpers/in-process';
import { organisation, people } from '../helpers/organisations';
import { codeWithReason, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const DAY = 86_400_000;
const place: Record<'city' | 'centre' | 'north' | 'northSquare' | 'south' | 'east', string> =
	{} as never;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
	const admin = testActor((await signedUpActor('Amministratrice')).id, { isAdmin: true });
	const add = async (name: string, parentId: string | null) =>
		(await createTerritory(admin, { name: `${name} ${crypto.randomUUID().slice(0, 6)}`, parentId }))
			.id;
	// A city; its centre district with the north and south neighbourhoods; a square inside north;
	// an east district apart.
	place.city = await add('Città', null);
	place.centre = await add('Centro', place.city);
	place.north = await add('Nord', place.centre);
	place.northSquare = await add('Piazza', place.north);
	place.south = await add('Sud', place.centre);
	place.east = await add('Est', place.city);
});
afterAll(() => database.close());
afterEach(() => resetClock());

/** The actor of someone with these roles (as a session would load them). */
function as(person: Actor, roles: [{ id: string; status: string }, Role][]) {
	return testActor(person.id, {
		name: person.name,
		roles: new Map(roles.map(([org, role]) => [org.id, role])),
		verified: roles.filter(([org]) => org.status === 'verified').map(([org]) => org.id)
	});
}

const march = (day: number, hour = 9) => new Date(Date.UTC(2027, 2, day, hour));

function plan(lead: string, fields: Record<string, unknown> = {}) {
	return createActionSchema.parse({
		kind: 'distribution',
		title: `Distribuzione alimentare ${crypto.randomUUID().slice(0, 6)}`,
		description: 'Pacchi alimentari per le famiglie del quartiere.',
		leadOrganisationId: lead,
		territoryIds: [place.north],
		startsAt: march(14).toISOString(),
		endsAt: march(16, 18).toISOString(),
		...fields
	});
}

/** The clashes a plan meets, as ids, or what else happened. */
async function clashesOf(by: Actor, input: ReturnType<typeof plan>): Promise<string[] | string> {
	try {
		await createAction(by, input);
		return 'saved';
	} catch (e) {
		if (e instanceof DomainError && e.code === 'possible_clash')
			return (e.details.extra!.clashes as { id: string }[]).map((c) => c.id);
		throw e;
	}
}

describe('clash warnings', () => {
	let caritas: Actor;
	let acli: Actor;
	let caritasOrg: Awaited<ReturnType<typeof organisation>>;
	let acliOrg: Awaited<ReturnType<typeof organisation>>;
	let existing: string;

	beforeAll(async () => {
		const [a, b] = await people(2, 'Scontro');
		caritasOrg = await organisation([[a, 'coordinator']]);
		acliOrg = await organisation([[b, 'coordinator']]);
		caritas = as(a, [[caritasOrg, 'coordinator']]);
		acli = as(b, [[acliOrg, 'coordinator']]);
		existing = (
			await createAction(
				caritas,
				plan(caritasOrg.id, { title: 'Distribuzione pacchi di marzo', territoryIds: [place.north] })
			)
		).id;
	});

	it.each([
		['the same place, overlapping days', { territoryIds: ['north'] }, true],
		['the district that contains it', { territoryIds: ['centre'] }, true],
		['a place inside it', { territoryIds: ['northSquare'] }, true],
		['the whole city', { territoryIds: ['city'] }, true],
		['a sibling place', { territoryIds: ['south'] }, false],
		['another district', { territoryIds: ['east'] }, false],
		['days inside its days', { startsAt: march(15), endsAt: march(15, 12) }, true],
		['days around its days', { startsAt: march(1), endsAt: march(30) }, true],
		['ending as it starts (touching)', { startsAt: march(10), endsAt: march(14) }, false],
		['starting as it ends (touching)', { startsAt: march(16, 18), endsAt: march(18) }, false],
		['another kind', { kind: 'campaign' }, false]
	] as const)('%s', async (_label, change, clashes) => {
		const fields: Record<string, unknown> = { ...change };
		if ('territoryIds' in change) fields.territoryIds = change.territoryIds.map((k) => place[k]);
		for (const k of ['startsAt', 'endsAt'] as const)
			if (k in change) fields[k] = (change as Record<string, Date>)[k].toISOString();
		const outcome = await clashesOf(acli, plan(acliOrg.id, fields));
		expect(outcome).toEqual(clashes ? [existing] : 'saved');
	});

	it('is no clash with an action of one’s own organisation', async () => {
		const april = { startsAt: '2027-04-10T08:00:00Z', endsAt: '2027-04-11T18:00:00Z' };
		await createAction(caritas, plan(caritasOrg.id, april));
		expect(await clashesOf(caritas, plan(caritasOrg.id, april))).toBe('saved');
	});

	it('says who plans what, where and when, with similar titles as a hint; nothing is saved', async () => {
		const before = (await listActions(acli, actionsQuerySchema.parse({ limit: 100 }))).items.length;
		const error = await createAction(
			acli,
			plan(acliOrg.id, { title: 'Distribuzione pacchi di marzo bis' })
		).catch((e) => e);
		expect(error.code).toBe('possible_clash');
		const [clash] = error.details.extra.clashes;
		expect(clash).toMatchObject({
			id: existing,
			kind: 'distribution',
			organisationName: caritasOrg.name,
			territoryIds: [place.north]
		});
		expect((await listActions(acli, actionsQuerySchema.parse({ limit: 100 }))).items.length).toBe(
			before
		);
	});

	it('goes ahead when told to, recording who decided', async () => {
		const { id } = await createAction(acli, plan(acliOrg.id, { allowClash: true }));
		const [decision] = await db
			.select()
			.from(actionClashDecisions)
			.where(eq(actionClashDecisions.actionId, id));
		expect(decision.decidedBy).toBe(acli.id);
		expect(decision.clashes.map((c) => c.id)).toContain(existing);
	});

	it('checks again when an action moves, and not when only its words change', async () => {
		const { id } = await createAction(acli, plan(acliOrg.id, { territoryIds: [place.east] }));
		const current = await getAction(acli, id);
		const edit = (fields: Record<string, unknown>) =>
			updateActionSchema.parse({ ...current, ...fields });
		await updateAction(acli, id, edit({ title: 'Un titolo nuovo per la distribuzione' }));
		expect(
			await codeWithReason(updateAction(acli, id, edit({ territoryIds: [place.north] })))
		).toBe('possible_clash');
	});

	it('never shows a partners-only action through a warning', async () => {
		const [c] = await people(1, 'Riservata');
		const hiddenOrg = await organisation([[c, 'coordinator']]);
		const hidden = as(c, [[hiddenOrg, 'coordinator']]);
		await createAction(
			hidden,
			plan(hiddenOrg.id, {
				kind: 'service',
				visibility: 'partners',
				territoryIds: [place.south]
			})
		);
		expect(
			await clashesOf(acli, plan(acliOrg.id, { kind: 'service', territoryIds: [place.south] }))
		).toBe('saved');
	});
});

describe('who may see and do what', () => {
	type Who =
		| 'lead coordinator'
		| 'lead operator'
		| 'lead volunteer'
		| 'partner coordinator'
		| 'partner volunteer'
		| 'invited coordinator'
		| 'other coordinator'
		| 'resident'
		| 'signed out';
	let actors: Record<Who, Actor | null>;
	let attendee: Actor;
	let orgs: Record<'lead' | 'partner' | 'invited' | 'other', { id: string; status: string }>;

	beforeAll(async () => {
		const [lc, lo, lv, pc, pv, ic, oc, resident, someone] = await people(9, 'Ruolo');
		orgs = {
			lead: await organisation([
				[lc, 'coordinator'],
				[lo, 'operator'],
				[lv, 'volunteer'],
				[someone, 'volunteer']
			]),
			partner: await organisation([
				[pc, 'coordinator'],
				[pv, 'volunteer']
			]),
			invited: await organisation([[ic, 'coordinator']]),
			other: await organisation([[oc, 'coordinator']])
		};
		actors = {
			'lead coordinator': as(lc, [[orgs.lead, 'coordinator']]),
			'lead operator': as(lo, [[orgs.lead, 'operator']]),
			'lead volunteer': as(lv, [[orgs.lead, 'volunteer']]),
			'partner coordinator': as(pc, [[orgs.partner, 'coordinator']]),
			'partner volunteer': as(pv, [[orgs.partner, 'volunteer']]),
			'invited coordinator': as(ic, [[orgs.invited, 'coordinator']]),
			'other coordinator': as(oc, [[orgs.other, 'coordinator']]),
			resident,
			'signed out': null
		};
		// Someone of the lead who signs up to every session, for the organisers to mark.
		attendee = as(someone, [[orgs.lead, 'volunteer']]);
	});

	/** An action of the lead, with the partner accepted and the invited organisation asked. */
	async function actionSeenBy(visibility: 'public' | 'network' | 'partners') {
		const lead = actors['lead coordinator']!;
		const { id } = await createAction(
			lead,
			plan(orgs.lead.id, {
				visibility,
				kind: 'event',
				territoryIds: [place.east],
				startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
				endsAt: new Date(Date.now() + 11 * DAY).toISOString()
			})
		);
		await addPartner(lead, id, orgs.partner.id);
		await answerPartner(actors['partner coordinator'], id, orgs.partner.id, 'accept');
		await addPartner(lead, id, orgs.invited.id);
		const session = await createSession(
			lead,
			id,
			createSessionSchema.parse({
				startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
				endsAt: new Date(Date.now() + 10 * DAY + 3_600_000).toISOString(),
				place: 'Biblioteca civica',
				capacity: 30
			})
		);
		return { id, sessionId: session.id };
	}

	const ok = (p: Promise<unknown>) => codeWithReason(p.then(() => undefined));

	it.each([
		// visibility, who, [view, edit, contribute (commitment, task, session, reach), take part (read the work, tick), sign up]
		['partners', 'lead coordinator', ['ok', 'ok', 'ok', 'ok', 'ok']],
		['partners', 'lead operator', ['ok', 'forbidden', 'ok', 'ok', 'ok']],
		['partners', 'lead volunteer', ['ok', 'forbidden', 'forbidden', 'ok', 'ok']],
		['partners', 'partner coordinator', ['ok', 'forbidden', 'ok', 'ok', 'ok']],
		['partners', 'partner volunteer', ['ok', 'forbidden', 'forbidden', 'ok', 'ok']],
		['partners', 'invited coordinator', ['ok', 'forbidden', 'forbidden', 'forbidden', 'ok']],
		['partners', 'other coordinator', Array(5).fill('not_found')],
		['partners', 'resident', Array(5).fill('not_found')],
		['partners', 'signed out', Array(5).fill('not_found')],
		['network', 'other coordinator', ['ok', 'forbidden', 'forbidden', 'forbidden', 'ok']],
		['network', 'resident', ['ok', 'forbidden', 'forbidden', 'forbidden', 'ok']],
		['network', 'signed out', ['not_found', 'not_found', 'not_found', 'not_found', 'not_found']],
		['public', 'resident', ['ok', 'forbidden', 'forbidden', 'forbidden', 'ok']],
		[
			'public',
			'signed out',
			['ok', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated']
		]
	] as const)('%s action, %s', async (visibility, who, expected) => {
		const { id, sessionId } = await actionSeenBy(visibility);
		const actor = actors[who as Who];
		const lead = actors['lead coordinator']!;
		const task = await addTask(lead, id, createTaskSchema.parse({ title: 'Stampare i volantini' }));
		await addReach(lead, id, reachSchema.parse({ date: '2027-03-13', peopleReached: 12 }));
		const came = await signUp(attendee, sessionId);
		const speaksFor = who.startsWith('partner') ? orgs.partner.id : orgs.lead.id;
		const view = await ok(getAction(actor, id));
		const current = await getAction(lead, id);
		const edit = await ok(
			updateAction(actor, id, updateActionSchema.parse({ ...current, title: 'Titolo cambiato' }))
		);
		const contribute = [
			await ok(
				addCommitment(
					actor,
					id,
					commitmentSchema.parse({ organisationId: speaksFor, what: '200 pacchi' })
				)
			),
			await ok(addTask(actor, id, createTaskSchema.parse({ title: 'Portare i tavoli' }))),
			await ok(
				createSession(
					actor,
					id,
					createSessionSchema.parse({
						startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
						endsAt: new Date(Date.now() + 10 * DAY + 3_600_000).toISOString(),
						place: 'Mercato',
						capacity: 5
					})
				)
			),
			await ok(
				addReach(
					actor,
					id,
					reachSchema.parse({ date: '2027-03-14', peopleReached: 40, organisationId: speaksFor })
				)
			),
			await ok(markAttendance(actor, sessionId, came.id, true))
		];
		expect(new Set(contribute).size).toBe(1);
		const takePart = [
			await ok(listCommitments(actor, id)),
			await ok(updateTask(actor, id, task.id, updateTaskSchema.parse({ done: true }))),
			await ok(signupsOf(actor, sessionId)),
			await ok(sessionSheet(actor, id, sessionId))
		];
		expect(new Set(takePart).size).toBe(1);
		// The sign-up sheet offers marking attendance to exactly those who may mark it.
		if (takePart[0] === 'ok')
			expect((await sessionSheet(actor, id, sessionId)).mayMark).toBe(contribute[0] === 'ok');
		const signUpOutcome = await ok(signUp(actor, sessionId));
		expect([view, edit, contribute[0], takePart[0], signUpOutcome]).toEqual(expected);

		// The list (the policy's SQL form) agrees with the page, and so does a session's page.
		const listed = await listActions(actor, actionsQuerySchema.parse({ limit: 100 }));
		expect(listed.items.some((a) => a.id === id)).toBe(view === 'ok');
		expect(await ok(getSession(actor, sessionId))).toBe(view);
		// The joint channel is named only to those taking part.
		if (view === 'ok')
			expect((await getAction(actor, id)).channelId !== null).toBe(takePart[0] === 'ok');
		// Reach: totals for whoever sees the action, who recorded what only for those taking part.
		if (view === 'ok')
			expect((await getReach(actor, id)).entries.length > 0).toBe(takePart[0] === 'ok');
	});
});

describe('partners', () => {
	it('accepting brings the organisation’s coordinators into the joint channel', async () => {
		const [a, b] = await people(2, 'Socio');
		const leadOrg = await organisation([[a, 'coordinator']]);
		const partnerOrg = await organisation([[b, 'coordinator']]);
		const lead = as(a, [[leadOrg, 'coordinator']]);
		const partner = as(b, [[partnerOrg, 'coordinator']]);
		const { id } = await createAction(
			lead,
			plan(leadOrg.id, { territoryIds: [place.east], kind: 'other', allowClash: true })
		);
		const { channelId } = await getAction(lead, id);
		await addPartner(lead, id, partnerOrg.id);
		expect(await codeWithReason(addPartner(lead, id, partnerOrg.id))).toBe(
			'conflict:already_partner'
		);
		await answerPartner(partner, id, partnerOrg.id, 'accept');
		const members = await db
			.select({ userId: channelMembers.userId })
			.from(channelMembers)
			.where(eq(channelMembers.channelId, channelId!));
		expect(members.map((m) => m.userId).sort()).toEqual([a.id, b.id].sort());
		expect((await getAction(partner, id)).partners).toEqual([
			expect.objectContaining({ organisationId: partnerOrg.id, status: 'accepted' })
		]);
	});

	it('an organisation asks to join from a clash; the lead answers; a pending one may not', async () => {
		const [a, b, c] = await people(3, 'Chiede');
		const leadOrg = await organisation([[a, 'coordinator']]);
		const askingOrg = await organisation([[b, 'coordinator']]);
		const pendingOrg = await organisation([[c, 'coordinator']], 'pending');
		const lead = as(a, [[leadOrg, 'coordinator']]);
		const asking = as(b, [[askingOrg, 'coordinator']]);
		const { id } = await createAction(
			lead,
			plan(leadOrg.id, { territoryIds: [place.east], kind: 'other', allowClash: true })
		);
		await addPartner(asking, id, askingOrg.id);
		// The one who asked cannot accept for the lead.
		expect(await codeWithReason(answerPartner(asking, id, askingOrg.id, 'accept'))).toBe(
			'forbidden'
		);
		await answerPartner(lead, id, askingOrg.id, 'accept');
		expect(await codeWithReason(addPartner(lead, id, pendingOrg.id))).toBe(
			'forbidden:organisation_not_verified'
		);
	});

	it('two coordinators answering at once: one answer counts, the other is told it was given', async () => {
		const [a, b1, b2] = await people(3, 'Risposta');
		const leadOrg = await organisation([[a, 'coordinator']]);
		const partnerOrg = await organisation([
			[b1, 'coordinator'],
			[b2, 'coordinator']
		]);
		const lead = as(a, [[leadOrg, 'coordinator']]);
		const { id } = await createAction(
			lead,
			plan(leadOrg.id, { territoryIds: [place.east], kind: 'other', allowClash: true })
		);
		await addPartner(lead, id, partnerOrg.id);
		const outcomes = await Promise.all([
			codeWithReason(
				answerPartner(as(b1, [[partnerOrg, 'coordinator']]), id, partnerOrg.id, 'accept')
			),
			codeWithReason(
				answerPartner(as(b2, [[partnerOrg, 'coordinator']]), id, partnerOrg.id, 'decline')
			)
		]);
		expect([...outcomes].sort()).toEqual(['conflict:already_answered', 'ok']);
		const status = (await getAction(lead, id)).partners[0].status;
		expect(status).toBe(outcomes[0] === 'ok' ? 'accepted' : 'declined');
	});
});

describe('sessions with sign-ups', () => {
	let lead: Actor;
	let leadOrg: Awaited<ReturnType<typeof organisation>>;

	beforeAll(async () => {
		const [a] = await people(1, 'Organizza');
		leadOrg = await organisation([[a, 'coordinator']]);
		lead = as(a, [[leadOrg, 'coordinator']]);
	});

	async function session(capacity: number) {
		const { id } = await createAction(
			lead,
			plan(leadOrg.id, {
				kind: 'event',
				visibility: 'public',
				territoryIds: [place.east],
				startsAt: new Date(Date.now() + 5 * DAY).toISOString(),
				endsAt: new Date(Date.now() + 6 * DAY).toISOString(),
				allowClash: true
			})
		);
		return createSession(
			lead,
			id,
			createSessionSchema.parse({
				startsAt: new Date(Date.now() + 5 * DAY).toISOString(),
				endsAt: new Date(Date.now() + 5 * DAY + 7_200_000).toISOString(),
				place: 'Biblioteca',
				capacity
			})
		);
	}

	async function state(sessionId: string) {
		const rows = await db
			.select()
			.from(sessionSignups)
			.where(eq(sessionSignups.sessionId, sessionId));
		const [s] = await db.select().from(actionSessions).where(eq(actionSessions.id, sessionId));
		const list = await signupsOf(lead, sessionId);
		return {
			confirmed: rows.filter((r) => r.status === 'confirmed').length,
			confirmedCount: s.confirmedCount,
			positions: list.filter((r) => r.status === 'waitlisted').map((r) => r.position),
			waiting: list.filter((r) => r.status === 'waitlisted').map((r) => r.userId)
		};
	}

	it('30 at once for 5 places: exactly 5 confirmed, the rest wait at 1…25 without gaps', async () => {
		const { id } = await session(5);
		const crowd = await people(30, 'Folla');
		const signups = await Promise.all(crowd.map((p) => signUp(p, id)));
		expect(signups.filter((s) => s.status === 'confirmed')).toHaveLength(5);
		expect(
			signups
				.filter((s) => s.status === 'waitlisted')
				.map((s) => s.position)
				.sort((a, b) => a! - b!)
		).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
		const now = await state(id);
		expect(now).toMatchObject({ confirmed: 5, confirmedCount: 5 });
		expect(now.positions).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
		expect(await codeWithReason(signUp(crowd[0], id))).toBe('conflict:already_signed_up');
		expect((await getSession(crowd[0], id)).waitlistCount).toBe(25);
	});

	it('a confirmed person leaves: the first who waits is confirmed and told; the others move up', async () => {
		const { id } = await session(1);
		const [first, second, third] = await people(3, 'Attesa');
		for (const p of [first, second, third]) await signUp(p, id);
		const told: string[] = [];
		const stop = subscribe('session.promoted', ({ userId }) => void told.push(userId));
		await cancelSignup(first, id);
		stop();
		expect(told).toEqual([second.id]);
		expect(await mySignup(second, id)).toMatchObject({ status: 'confirmed', position: null });
		expect(await mySignup(third, id)).toMatchObject({ status: 'waitlisted', position: 1 });
		// Signing up again after leaving goes to the end of the line.
		expect(await signUp(first, id)).toMatchObject({ status: 'waitlisted', position: 2 });
	});

	it('cancellations racing sign-ups: never one confirmed too many, each freed place to one', async () => {
		const { id } = await session(5);
		const early = await people(10, 'Primi');
		for (const p of early) await signUp(p, id); // 5 confirmed, 5 waiting
		const late = await people(8, 'Tardi');
		const leaving = [...early.slice(0, 3), ...early.slice(6, 8)]; // 3 confirmed, 2 waiting
		await Promise.all([
			...leaving.map((p) => cancelSignup(p, id)),
			...late.map((p) => signUp(p, id))
		]);
		const after = await state(id);
		expect(after.confirmed).toBe(5);
		expect(after.confirmedCount).toBe(5);
		// 5 + 5 + 8 signed up, 5 left: 13 remain, 5 confirmed, 8 waiting at 1…8.
		expect(after.positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		// The three freed places went to the first three who waited before (in their order).
		const waitedBefore = [early[5], early[8], early[9]].map((p) => p.id);
		for (const userId of waitedBefore)
			expect(
				(
					await db
						.select()
						.from(sessionSignups)
						.where(and(eq(sessionSignups.sessionId, id), eq(sessionSignups.userId, userId)))
				)[0].status
			).toBe('confirmed');
	});
});

describe('the checklist', () => {
	it('flags overdue tasks and reminds their owners once', async () => {
		const [a] = await people(1, 'Lista');
		const org = await organisation([[a, 'coordinator']]);
		const lead = as(a, [[org, 'coordinator']]);
		const { id } = await createAction(
			lead,
			plan(org.id, { territoryIds: [place.east], kind: 'other', allowClash: true })
		);
		const task = await addTask(
			lead,
			id,
			createTaskSchema.parse({
				title: 'Prenotare la sala',
				organisationId: org.id,
				dueAt: new Date(Date.now() + DAY).toISOString()
			})
		);
		expect(task.overdue).toBe(false);
		advanceClock(2 * DAY);
		const reminded: string[] = [];
		const stop = subscribe('action.task_overdue', ({ taskId }) => void reminded.push(taskId));
		await sweepOverdueTasks();
		await sweepOverdueTasks();
		stop();
		expect(reminded.filter((t) => t === task.id)).toHaveLength(1);
		const done = await updateTask(lead, id, task.id, updateTaskSchema.parse({ done: true }));
		expect(done).toMatchObject({ done: true, overdue: false });

		// A volunteer ticks the task given to them: it stays theirs.
		const [v] = await people(1, 'Volontaria');
		await db
			.insert(memberships)
			.values({ organisationId: org.id, userId: v.id, role: 'volunteer' });
		const volunteer = as(v, [[org, 'volunteer']]);
		const theirs = await addTask(
			lead,
			id,
			createTaskSchema.parse({ title: 'Portare le sedie', assigneeId: v.id })
		);
		const ticked = await updateTask(
			volunteer,
			id,
			theirs.id,
			updateTaskSchema.parse({ done: true })
		);
		expect(ticked).toMatchObject({ done: true, assigneeId: v.id });
	});
});

describe('calendars', () => {
	it('an action’s .ics has one event per session; the network’s shows only what one may see', async () => {
		const [a] = await people(1, 'Calendario');
		const org = await organisation([[a, 'coordinator']]);
		const lead = as(a, [[org, 'coordinator']]);
		const title = (kind: string) => `Incontro ${kind} ${crypto.randomUUID().slice(0, 6)}`;
		const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
		const open = await createAction(
			lead,
			plan(org.id, {
				title: title('aperto'),
				kind: 'event',
				visibility: 'public',
				territoryIds: [place.east],
				startsAt: at(3),
				endsAt: at(4),
				allowClash: true
			})
		);
		const closed = await createAction(
			lead,
			plan(org.id, {
				title: title('riservato'),
				kind: 'event',
				visibility: 'partners',
				territoryIds: [place.east],
				startsAt: at(3),
				endsAt: at(4),
				allowClash: true
			})
		);
		for (const start of [3, 3.5])
			await createSession(
				lead,
				open.id,
				createSessionSchema.parse({
					startsAt: at(start),
					endsAt: at(start + 0.1),
					place: 'Sala civica',
					capacity: 10
				})
			);
		const ics = await actionCalendar(null, open.id, 'https://rete.example');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
		expect(ics).toContain('LOCATION:Sala civica');
		expect(await codeWithReason(actionCalendar(null, closed.id, 'https://rete.example'))).toBe(
			'not_found'
		);
		const [openTitle, closedTitle] = await Promise.all(
			[open.id, closed.id].map(async (id) => (await getAction(lead, id)).title)
		);
		const signedOut = await networkCalendar(null, 'https://rete.example', 'Rete');
		expect(signedOut).toContain(openTitle);
		expect(signedOut).not.toContain(closedTitle);
		expect(await networkCalendar(lead, 'https://rete.example', 'Rete')).toContain(closedTitle);
	});
});

describe('the calendar page', () => {
	it('gives the month’s sessions and actions in time order, filtered, without hidden ones', async () => {
		const [a, b] = await people(2, 'Mese');
		const org = await organisation([[a, 'coordinator']]);
		const otherOrg = await organisation([[b, 'coordinator']]);
		const lead = as(a, [[org, 'coordinator']]);
		const at = (iso: string) => new Date(iso).toISOString();
		const talk = await createAction(
			lead,
			plan(org.id, {
				kind: 'event',
				title: 'Incontri sulle truffe',
				visibility: 'network',
				territoryIds: [place.east],
				startsAt: at('2032-04-01T08:00:00Z'),
				endsAt: at('2032-05-20T18:00:00Z')
			})
		);
		for (const day of ['2032-03-30', '2032-04-12', '2032-05-03'])
			await createSession(
				lead,
				talk.id,
				createSessionSchema.parse({
					startsAt: `${day}T16:00:00Z`,
					endsAt: `${day}T17:30:00Z`,
					place: 'Biblioteca',
					capacity: 20
				})
			);
		const desk = await createAction(
			lead,
			plan(org.id, {
				kind: 'service',
				title: 'Sportello bollette',
				visibility: 'partners',
				territoryIds: [place.east],
				startsAt: at('2032-04-05T08:00:00Z'),
				endsAt: at('2032-04-07T12:00:00Z')
			})
		);
		const april = {
			from: new Date('2032-04-01T00:00:00+02:00'),
			to: new Date('2032-05-01T00:00:00+02:00')
		};
		const ids = (events: { actionId: string; session: boolean; start: Date }[]) =>
			events.map((e) => [e.actionId, e.session, e.start.toISOString()]);
		// The talk's April session (not March's nor May's), then the desk over its days.
		expect(ids(await calendarEvents(lead, { ...april, territoryId: place.east }))).toEqual([
			[desk.id, false, '2032-04-05T08:00:00.000Z'],
			[talk.id, true, '2032-04-12T16:00:00.000Z']
		]);
		expect(ids(await calendarEvents(lead, { ...april, kind: 'service' }))).toEqual([
			[desk.id, false, '2032-04-05T08:00:00.000Z']
		]);
		// Another organisation sees the network's action, not the partners-only one; signed out, none.
		const other = as(b, [[otherOrg, 'coordinator']]);
		expect((await calendarEvents(other, april)).map((e) => e.actionId)).toEqual([talk.id]);
		expect(await calendarEvents(null, april)).toEqual([]);
	});
});

describe('who does what where', () => {
	it('lists each organisation’s part, effort per place, and the places no action reaches', async () => {
		const [a, b] = await people(2, 'TreW');
		const leadOrg = await organisation([[a, 'coordinator']]);
		const partnerOrg = await organisation([[b, 'coordinator']]);
		const lead = as(a, [[leadOrg, 'coordinator']]);
		const { id } = await createAction(
			lead,
			plan(leadOrg.id, {
				kind: 'campaign',
				title: 'Caldo estremo: visite agli anziani soli',
				territoryIds: [place.north],
				targetGroupIds: ['elderly'],
				startsAt: '2031-07-01T08:00:00Z',
				endsAt: '2031-08-31T18:00:00Z'
			})
		);
		await addPartner(lead, id, partnerOrg.id);
		await answerPartner(as(b, [[partnerOrg, 'coordinator']]), id, partnerOrg.id, 'accept');
		await addCommitment(
			as(b, [[partnerOrg, 'coordinator']]),
			id,
			commitmentSchema.parse({ organisationId: partnerOrg.id, what: 'Telefonate', quantity: 300 })
		);
		const table = await whoDoesWhat(
			lead,
			actionsQuerySchema.parse({
				territoryId: place.centre,
				from: '2031-07-01T00:00:00Z',
				to: '2031-09-01T00:00:00Z'
			})
		);
		const mine = table.rows.filter((r) => r.actionId === id);
		expect(mine.map((r) => [r.organisationId, r.lead])).toEqual([
			[leadOrg.id, true],
			[partnerOrg.id, false]
		]);
		expect(mine[1].commitments).toEqual([
			{ what: 'Telefonate', quantity: 300, territoryName: null }
		]);
		expect(table.byTerritory).toEqual([
			expect.objectContaining({ territoryId: place.north, actions: 1 })
		]);
		// Elderly people: the north (and the square inside it) are reached, the south is not.
		const elderly = table.gaps.find((g) => g.targetGroupId === 'elderly')!;
		expect(elderly.territories.map((t) => t.id)).toEqual([place.south]);
		// Families: no action for them at all in the centre.
		const families = table.gaps.find((g) => g.targetGroupId === 'families')!;
		expect(families.territories.map((t) => t.id).sort()).toEqual(
			[place.northSquare, place.south].sort()
		);
	});

	it('adds up the reach by place and by target group, only of actions one may see', async () => {
		const [a, b] = await people(2, 'Portata');
		const org = await organisation([[a, 'coordinator']]);
		const otherOrg = await organisation([[b, 'coordinator']]);
		const lead = as(a, [[org, 'coordinator']]);
		const period = { from: '2033-02-01T00:00:00Z', to: '2033-03-01T00:00:00Z' };
		const action = (visibility: string, targetGroupIds: string[]) =>
			createAction(
				lead,
				plan(org.id, {
					kind: 'campaign',
					visibility,
					targetGroupIds,
					territoryIds: [place.centre],
					startsAt: '2033-02-02T08:00:00Z',
					endsAt: '2033-02-20T18:00:00Z',
					allowClash: true
				})
			);
		const seen = await action('network', ['elderly', 'families']);
		const hidden = await action('partners', ['elderly']);
		const reach = (id: string, peopleReached: number, territoryId?: string) =>
			addReach(lead, id, reachSchema.parse({ date: '2033-02-10', peopleReached, territoryId }));
		await reach(seen.id, 30, place.north);
		await reach(seen.id, 20, place.south);
		await reach(seen.id, 5);
		await reach(hidden.id, 1000, place.north);

		const query = actionsQuerySchema.parse({ territoryId: place.centre, ...period });
		const outsider = (await whoDoesWhat(as(b, [[otherOrg, 'coordinator']]), query)).reach;
		expect(outsider.total).toBe(55);
		expect(outsider.byTerritory).toEqual([
			{ territoryId: place.north, name: expect.any(String), peopleReached: 30 },
			{ territoryId: place.south, name: expect.any(String), peopleReached: 20 },
			{ territoryId: null, name: null, peopleReached: 5 }
		]);
		expect(outsider.byTargetGroup).toEqual([
			{ targetGroupId: 'elderly', peopleReached: 55 },
			{ targetGroupId: 'families', peopleReached: 55 }
		]);
		const own = (await whoDoesWhat(lead, query)).reach;
		expect(own.total).toBe(1055);
		expect(own.byTargetGroup[0]).toEqual({ targetGroupId: 'elderly', peopleReached: 1055 });
	});

	it('keeps a target group that actions are for: removing it is refused', async () => {
		const admin = testActor((await signedUpActor('Admin gruppi')).id, { isAdmin: true });
		await saveTargetGroup(admin, { id: 'pendolari', labelIt: 'Pendolari', labelEn: 'Commuters' });
		const [a] = await people(1, 'Gruppi');
		const org = await organisation([[a, 'coordinator']]);
		await createAction(
			as(a, [[org, 'coordinator']]),
			plan(org.id, { targetGroupIds: ['pendolari'], territoryIds: [place.east], allowClash: true })
		);
		expect(await codeWithReason(removeTargetGroup(admin, 'pendolari'))).toBe(
			'conflict:target_group_in_use'
		);
	});
});
