// The demo seed on an empty database (PGlite, or PostgreSQL with DATABASE_URL): what it creates,
// that it runs once, that its accounts sign in, and its consultations (one in each phase, a
// closed ranked poll whose runoff changes the winner, an open poll a visitor may vote in).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { loadActor } from '../../src/lib/server/auth/actor';
import { login } from '../../src/lib/server/auth/service';
import { config } from '../../src/lib/server/config';
import { castBallot, pollResults } from '../../src/lib/server/consultations/ballots';
import { listCommitments } from '../../src/lib/server/consultations/commitments';
import { getPoll, listPolls } from '../../src/lib/server/consultations/polls';
import { listProposals } from '../../src/lib/server/consultations/proposals';
import { listConsultations } from '../../src/lib/server/consultations/service';
import { db } from '../../src/lib/server/db/client';
import {
	auditLog,
	contactAttempts,
	handovers,
	invitations,
	joinRequests,
	memberships,
	needs,
	organisations,
	organisationTerritories,
	outbox,
	pollVoters,
	profiles,
	skills,
	territories,
	users,
	vouches
} from '../../src/lib/server/db/schema';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { listNeeds } from '../../src/lib/server/needs/service';
import { getNetwork } from '../../src/lib/server/network/service';
import { castBallotSchema, phaseKinds } from '../../src/lib/shared/schemas/consultations';
import type { ConsultationView } from '../../src/lib/shared/views/consultations';
import { useTestDatabase } from '../helpers/in-process';

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1' });
});
afterAll(() => database.close());

const tables = {
	users,
	territories,
	skills,
	profiles,
	organisations,
	organisationTerritories,
	memberships,
	invitations,
	joinRequests,
	needs,
	auditLog,
	outbox
};

/** Rows in every table the seed writes to. */
async function counts() {
	const out: Record<string, number> = {};
	for (const [name, table] of Object.entries(tables)) {
		const [{ n }] = await db.select({ n: count() }).from(table);
		out[name] = n;
	}
	return out;
}

async function userByEmail(email: string) {
	const [row] = await db.select().from(users).where(eq(users.email, email));
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		locale: row.locale,
		isAdmin: row.isAdmin,
		emailVerified: row.emailVerifiedAt !== null
	};
}

describe('demo seed', () => {
	let first: Record<string, number>;

	it('fills an empty database with the sample network', async () => {
		expect(await seedDemo()).toEqual({ seeded: true });
		first = await counts();

		expect(await getNetwork()).toEqual({ name: 'Rete solidale di Borgo Aperto' });
		expect(first.users).toBe(DEMO_ACCOUNTS.length);
		expect(first.users).toBeGreaterThanOrEqual(15);
		expect(first.profiles).toBe(DEMO_ACCOUNTS.length);
		expect(first.skills).toBe(8);
		const admins = await db.select().from(users).where(eq(users.isAdmin, true));
		expect(admins.map((a) => a.email)).toEqual(['anna@borgoaperto.it']);

		// City → 3 districts → 9 neighbourhoods.
		const places = await db.select().from(territories);
		expect(places.filter((t) => t.depth === 0).map((t) => t.name)).toEqual(['Borgo Aperto']);
		expect(places.filter((t) => t.depth === 1)).toHaveLength(3);
		expect(places.filter((t) => t.depth === 2).length).toBeGreaterThanOrEqual(6);

		const orgs = await db.select().from(organisations);
		const byName = Object.fromEntries(orgs.map((o) => [o.name, o]));
		expect(orgs).toHaveLength(4);
		expect(byName['Servizi Sociali del Comune di Borgo Aperto']).toMatchObject({
			kind: 'public_service',
			status: 'verified'
		});
		expect(byName['Caritas Borgo Aperto']).toMatchObject({ kind: 'ngo', status: 'verified' });
		expect(byName['Associazione Anziani Attivi']).toMatchObject({
			kind: 'ngo',
			status: 'verified'
		});
		expect(byName['Vicini di Borgo Nord']).toMatchObject({ kind: 'group', status: 'pending' });
		for (const o of orgs) {
			expect(o.description).not.toBe('');
			expect(o.contactEmail).toMatch(/@borgoaperto\.it$/);
		}
		expect(orgs.filter((o) => o.website !== '')).toHaveLength(3);
		expect(first.organisationTerritories).toBeGreaterThanOrEqual(4);

		// Every role, a coordinator in each organisation, and someone in two organisations.
		const members = await db.select().from(memberships);
		const roles = (role: string) => members.filter((m) => m.role === role);
		expect(roles('coordinator').length).toBeGreaterThanOrEqual(4);
		expect(roles('operator')).toHaveLength(3);
		expect(roles('volunteer').length).toBeGreaterThanOrEqual(5);
		for (const o of orgs)
			expect(roles('coordinator').some((m) => m.organisationId === o.id)).toBe(true);
		const perPerson = new Map<string, number>();
		for (const m of members) perPerson.set(m.userId, (perPerson.get(m.userId) ?? 0) + 1);
		expect([...perPerson.values()].some((n) => n >= 2)).toBe(true);
		// Residents belong to no organisation.
		expect(first.users - perPerson.size).toBeGreaterThanOrEqual(4); // 3 residents + the admin

		expect(await db.select().from(invitations)).toMatchObject([
			{ email: 'valentina@borgoaperto.it', role: 'operator', acceptedAt: null }
		]);
		expect(first.outbox).toBe(1);
		expect(await db.select().from(joinRequests)).toMatchObject([{ status: 'pending' }]);

		const allNeeds = await db.select().from(needs);
		expect(allNeeds.length).toBeGreaterThanOrEqual(6);
		expect(allNeeds.filter((n) => n.organisationId === null).length).toBeGreaterThanOrEqual(3);
		expect(allNeeds.some((n) => n.visibility === 'organisation')).toBe(true);
		// Needs in every state: one fulfilled by its helper's "done", one no longer needed.
		expect(allNeeds.map((n) => n.status)).toEqual(
			expect.arrayContaining(['open', 'in_progress', 'fulfilled', 'closed'])
		);
		expect(allNeeds.every((n) => n.territoryId !== null && n.contact !== '')).toBe(true);
		const neighbourhoods = new Set(places.filter((t) => t.depth === 2).map((t) => t.id));
		expect(allNeeds.every((n) => neighbourhoods.has(n.territoryId!))).toBe(true);

		// Who is on it: a contact logged, and a handover asked of the holder, waiting for an answer.
		expect(await db.select().from(contactAttempts)).toMatchObject([{ result: 'reached' }]);
		expect(await db.select().from(handovers)).toMatchObject([{ status: 'pending' }]);

		// Trust: a pending organisation, a vouched volunteer, a need for trusted helpers only.
		const statuses = (await db.select({ status: organisations.status }).from(organisations)).map(
			(o) => o.status
		);
		expect(statuses).toEqual(expect.arrayContaining(['pending', 'verified']));
		expect(await db.select().from(vouches)).toMatchObject([
			{ organisationId: null, revokedAt: null }
		]);
		expect(allNeeds.some((n) => n.claimRule === 'trusted' && n.organisationId === null)).toBe(true);

		// Rate limits were switched off for the seed only.
		expect(config().rateLimits.disabled).toBe(true);
	});

	it('keeps organisation-only needs to the organisation', async () => {
		const resident = await loadActor(await userByEmail('rosa@borgoaperto.it'));
		const operator = await loadActor(await userByEmail('chiara@borgoaperto.it'));
		const seenBy = async (actor: typeof resident) =>
			(await listNeeds(actor, { limit: 100 })).items.filter((n) => n.visibility === 'organisation');
		expect(await seenBy(resident)).toHaveLength(0);
		expect((await seenBy(operator)).length).toBeGreaterThanOrEqual(1);
	});

	it('does nothing on a database that has accounts', async () => {
		expect(await seedDemo()).toEqual({ seeded: false });
		expect(await counts()).toEqual(first);
	});

	it('signs in every demo account with the demo password', async () => {
		for (const account of DEMO_ACCOUNTS) {
			const { user } = await login(
				{ email: account.email, password: DEMO_PASSWORD },
				{ ip: 'demo' }
			);
			expect(user.name).toBe(account.name);
			expect(user.isAdmin).toBe(account.isAdmin);
		}
		await expect(
			login({ email: 'anna@borgoaperto.it', password: 'wrong password' }, { ip: 'demo' })
		).rejects.toMatchObject({ code: 'unauthenticated' });
	});

	it('describes the memberships it created', async () => {
		const members = await db
			.select({ email: users.email, role: memberships.role, organisation: organisations.name })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.innerJoin(organisations, eq(organisations.id, memberships.organisationId));
		const described = DEMO_ACCOUNTS.flatMap((a) =>
			a.memberships.map((m) => ({ email: a.email, role: m.role, organisation: m.organisation }))
		);
		const key = (m: { email: string; organisation: string }) => `${m.email} ${m.organisation}`;
		expect(members.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
			described.sort((a, b) => key(a).localeCompare(key(b)))
		);
	});

	describe('consultations', () => {
		let byPhase: Record<string, ConsultationView>;
		const proposalsOf = async (phase: string) =>
			(await listProposals(null, byPhase[phase].id, { sort: 'supports', limit: 50 })).items;

		beforeAll(async () => {
			const { items } = await listConsultations(null, { limit: 50 });
			byPhase = Object.fromEntries(items.map((c) => [c.currentPhase, c]));
		});

		it('has one public consultation in each phase', async () => {
			const { items } = await listConsultations(null, { limit: 50 });
			expect(items.map((c) => c.currentPhase).sort()).toEqual([...phaseKinds].sort());
			for (const c of items) {
				expect(c.visibility).toBe('public');
				expect(c.organisationName).not.toBe('');
				expect(c.phases.map((p) => p.kind)).toContain(c.currentPhase);
			}
			// Only its residents take part in Borgo Nord's; nothing proposed before proposals open.
			expect(byPhase.information.territoryName).toBe('Borgo Nord');
			expect(await proposalsOf('information')).toEqual([]);
		});

		it('has proposals, supports reaching the threshold and answers', async () => {
			for (const phase of ['proposals', 'supports', 'voting', 'results'])
				expect((await proposalsOf(phase)).length).toBeGreaterThanOrEqual(4);
			expect((await proposalsOf('proposals')).every((p) => p.supports === 0)).toBe(true);
			const supported = await proposalsOf('supports');
			expect(supported.some((p) => p.thresholdReached)).toBe(true);
			expect(supported.some((p) => !p.thresholdReached && p.supports > 0)).toBe(true);
			expect((await proposalsOf('results')).map((p) => p.state)).toEqual(
				expect.arrayContaining(['accepted', 'rejected', 'evaluating'])
			);
		});

		it("closed the results one's ranked poll, whose runoff changed the winner", async () => {
			const polls = await listPolls(null, byPhase.results.id);
			const ranked = polls.find((p) => p.method === 'ranked')!;
			expect(ranked).toMatchObject({ status: 'closed', results: 'after_close' });
			const result = await pollResults(null, ranked.id);
			const rounds = result.rounds!;
			expect(rounds.length).toBeGreaterThan(1);
			const [leader] = rounds[0].tally;
			// First in the first round, without a majority; another option wins.
			expect(leader.votes * 2).toBeLessThanOrEqual(result.ballots);
			expect(result.winner).not.toBeNull();
			expect(result.winner).not.toBe(leader.optionId);
			expect(ranked.options.map((o) => o.id)).toContain(result.winner);

			// Some ballots were recorded by an operator for residents without a device.
			const assisted = await db
				.select()
				.from(pollVoters)
				.where(and(eq(pollVoters.pollId, ranked.id), eq(pollVoters.channel, 'assisted')));
			expect(assisted.length).toBeGreaterThanOrEqual(2);
			expect(assisted.every((b) => b.userId === null && b.recordedBy !== null)).toBe(true);
			const [{ n }] = await db
				.select({ n: count() })
				.from(pollVoters)
				.where(eq(pollVoters.pollId, ranked.id));
			expect(n).toBe(result.ballots);
		});

		it('shows what the organisation committed to after the results', async () => {
			const commitments = await listCommitments(null, byPhase.results.id);
			expect(commitments.length).toBeGreaterThanOrEqual(3);
			expect(commitments.some((c) => c.proposalId !== null)).toBe(true);
			expect(commitments.some((c) => c.progress > 0 && c.milestones.length >= 2)).toBe(true);
		});

		it('has an open poll in the voting one that a demo visitor may vote in', async () => {
			const rosa = await loadActor(await userByEmail('rosa@borgoaperto.it'));
			const open = (await listPolls(rosa, byPhase.voting.id)).filter((p) => p.status === 'open');
			expect(open).toHaveLength(1);
			const [poll] = open;
			expect(poll.voted).toBe(false);
			const before = (
				await pollResults(await loadActor(await userByEmail('marco@borgoaperto.it')), poll.id)
			).ballots;
			expect(before).toBeGreaterThan(0);
			await castBallot(rosa, poll.id, castBallotSchema.parse({ choices: [poll.options[0].id] }));
			expect((await getPoll(rosa, poll.id)).voted).toBe(true);
			expect((await pollResults(rosa, poll.id)).ballots).toBe(before + 1);
		});
	});
});
