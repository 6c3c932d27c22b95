// Taking part in a consultation, in-process on both databases: proposals with the similarity
// step, supports and their limits, answers and moderation, polls of four methods, one ballot per
// person across the web and assisted voting, anonymous storage, results and commitments; who may
// do what (table-driven); and the races (meaningful on PostgreSQL).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/auth/actor';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import {
	castBallot,
	pollResults,
	pollVotersList
} from '../../src/lib/server/consultations/ballots';
import {
	addCommitment,
	listCommitments,
	updateCommitment
} from '../../src/lib/server/consultations/commitments';
import { identityOf, tieIdentity } from '../../src/lib/server/consultations/identity';
import { createPoll, getPoll, listPolls } from '../../src/lib/server/consultations/polls';
import {
	answerProposal,
	createProposal,
	getProposal,
	listProposals,
	moderateProposal,
	proposalsToModerate,
	reportProposal,
	supportProposal,
	withdrawSupport
} from '../../src/lib/server/consultations/proposals';
import { createConsultation, follow, movePhase } from '../../src/lib/server/consultations/service';
import { currentDatabase, db } from '../../src/lib/server/db/client';
import { anonymousBallots, auditLog, identities, pollVoters } from '../../src/lib/server/db/schema';
import { startNotifications } from '../../src/lib/server/notifications/subscriptions';
import { updateOwnProfile } from '../../src/lib/server/people/service';
import { createTerritory } from '../../src/lib/server/territories/service';
import {
	castBallotSchema,
	createConsultationSchema,
	createPollSchema,
	identitySchema,
	type PhaseKind
} from '../../src/lib/shared/schemas/consultations';
import { updateProfileSchema } from '../../src/lib/shared/schemas/people';
import { testActor } from '../helpers/actors';
import { codiceFiscale, phasesAround } from '../helpers/consultations';
import { useTestDatabase } from '../helpers/in-process';
import { notified } from '../helpers/notified';
import { organisation, people } from '../helpers/organisations';
import { codeWithReason } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let stopNotifications: () => void;
beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
	stopNotifications = startNotifications();
});
afterAll(async () => {
	stopNotifications();
	await database.close();
});
afterEach(() => resetClock());

const DAY = 86_400_000;
const from = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const CF = [0, 1, 2, 3].map((i) => codiceFiscale(200 + i));
let assistedFor = 600;

let admin: Actor;
let lead: Actor;
let operator: Actor;
let otherLead: Actor;
let orgId: string;
let quarter: string;
let elsewhere: string;
let residents: Actor[];
let outsider: Actor;

async function livesIn(actor: Actor, territoryId: string) {
	await updateOwnProfile(actor, updateProfileSchema.parse({ homeTerritoryId: territoryId }));
}

beforeAll(async () => {
	const [c, o, oc, a, out, ...rest] = await people(16, 'Partecipa');
	admin = testActor(a.id, { isAdmin: true, name: a.name });
	const org = await organisation([
		[c, 'coordinator'],
		[o, 'operator']
	]);
	orgId = org.id;
	lead = org.as(c, 'coordinator');
	operator = org.as(o, 'operator');
	const other = await organisation([[oc, 'coordinator']]);
	otherLead = other.as(oc, 'coordinator');
	const city = await createTerritory(admin, { name: 'Città', parentId: null });
	quarter = (await createTerritory(admin, { name: 'Borgo', parentId: city.id })).id;
	const street = await createTerritory(admin, { name: 'Via Roma', parentId: quarter });
	elsewhere = (await createTerritory(admin, { name: 'Altrove', parentId: city.id })).id;
	residents = rest;
	outsider = out;
	// Residents live in the quarter (one under it, in a street); the outsider elsewhere.
	for (const [i, r] of residents.entries()) await livesIn(r, i === 0 ? street.id : quarter);
	await livesIn(outsider, elsewhere);
});

async function open(phase: PhaseKind, settings: Record<string, unknown> = {}, fields = {}) {
	return createConsultation(
		lead,
		createConsultationSchema.parse({
			title: 'Il nuovo centro civico: che cosa deve offrire?',
			description: 'Proponete, sostenete, votate: il quartiere decide.',
			organisationId: orgId,
			territoryId: quarter,
			phases: phasesAround(phase),
			settings,
			...fields
		})
	);
}

const proposal = (title: string, body = `${title}: lo chiediamo per tutto il quartiere.`) => ({
	title,
	body,
	allowSimilar: false
});

const poll = (fields: Record<string, unknown>) =>
	createPollSchema.parse({
		question: 'Che cosa apriamo per primo?',
		method: 'single',
		options: ['Biblioteca', 'Palestra', 'Orto'],
		...fields
	});

const ballot = (choices: unknown, onBehalfOf?: unknown) =>
	castBallotSchema.parse({ choices, ...(onBehalfOf ? { onBehalfOf } : {}) });

describe('proposals', () => {
	it('shows similar proposals first; going on anyway is recorded', async () => {
		const c = await open('proposals');
		const [ana, bea] = residents;
		const first = await createProposal(ana, c.id, proposal('Corsi di italiano per stranieri'));
		expect(first).toMatchObject({ supports: 0, state: 'published', mine: true });
		const refused = await createProposal(
			bea,
			c.id,
			proposal('Corso di italiano per stranieri')
		).catch((e) => e);
		expect(refused.code).toBe('possible_duplicate');
		expect(refused.details.extra.candidates[0]).toMatchObject({ id: first.id });
		// Nothing was saved; going on is recorded.
		expect((await listProposals(bea, c.id, { sort: 'newest', limit: 20 })).items).toHaveLength(1);
		const anyway = await createProposal(bea, c.id, {
			...proposal('Corso di italiano per stranieri'),
			allowSimilar: true
		});
		const [row] = currentDatabase().rows<{ posted_despite: string[] }>(
			await db.execute(sql`select posted_despite from proposals where id = ${anyway.id}`)
		);
		expect(row.posted_despite).toEqual([first.id]);
		// Something different goes straight in.
		await createProposal(bea, c.id, proposal('Un orto condiviso nel cortile della scuola'));
	});

	it('keeps to the limit per person and to the proposals phase', async () => {
		const c = await open('proposals', { proposalsPerPerson: 2 });
		const [ana] = residents;
		await createProposal(ana, c.id, proposal('Una ludoteca aperta il sabato mattina'));
		await createProposal(ana, c.id, proposal('Sportello per le pratiche della pensione'));
		expect(
			await codeWithReason(createProposal(ana, c.id, proposal('Cineforum estivo in piazza')))
		).toBe('conflict:proposal_limit');
		const later = await open('information');
		const closed = await createProposal(ana, later.id, proposal('Qualcosa')).catch((e) => e);
		expect(closed.details.extra).toMatchObject({ reason: 'phase_closed', phase: 'proposals' });
		expect(new Date(closed.details.extra.opensAt).getTime()).toBeGreaterThan(Date.now());
	});

	it('lists by supports, newest, or a random order fixed per visitor, with search', async () => {
		const c = await open('proposals');
		const titles = [
			'Biblioteca di quartiere aperta la sera',
			'Palestra popolare per ragazzi',
			'Mercato contadino la domenica',
			'Laboratorio di riparazione biciclette',
			'Doposcuola gratuito per le medie',
			'Panchine e ombra nel giardino pubblico'
		];
		const made = [];
		for (const [i, t] of titles.entries())
			made.push(await createProposal(residents[i % residents.length], c.id, proposal(t)));
		await movePhase(lead, c.id, 'supports');
		for (const r of residents.slice(0, 3)) await supportProposal(r, made[4].id);
		await supportProposal(residents[0], made[2].id);
		const bySupports = await listProposals(null, c.id, { sort: 'supports', limit: 2 });
		expect(bySupports.items.map((p) => p.id)).toEqual([made[4].id, made[2].id]);
		const rest = await listProposals(null, c.id, {
			sort: 'supports',
			limit: 10,
			cursor: bySupports.nextCursor!
		});
		expect(rest.items).toHaveLength(4);
		const newest = await listProposals(null, c.id, { sort: 'newest', limit: 10 });
		expect(newest.items.map((p) => p.id)).toEqual(made.map((p) => p.id).reverse());
		const order = async (seed: string) => {
			const ids: string[] = [];
			let cursor: string | undefined;
			do {
				const page = await listProposals(null, c.id, { sort: 'random', seed, limit: 4, cursor });
				ids.push(...page.items.map((p) => p.id));
				cursor = page.nextCursor ?? undefined;
			} while (cursor);
			return ids;
		};
		const a = await order('visitor-a');
		expect(await order('visitor-a')).toEqual(a);
		expect(new Set(a)).toEqual(new Set(made.map((p) => p.id)));
		const seeds = await Promise.all(['b', 'c', 'd', 'e'].map((s) => order(`visitor-${s}`)));
		expect(seeds.some((o) => o.join() !== a.join())).toBe(true);
		const found = await listProposals(null, c.id, { sort: 'supports', q: 'biciclette', limit: 10 });
		expect(found.items.map((p) => p.id)).toEqual([made[3].id]);
		// The reader's own support shows.
		const mine = await listProposals(residents[0], c.id, { sort: 'supports', limit: 10 });
		expect(
			mine.items
				.filter((p) => p.supportedByMe)
				.map((p) => p.id)
				.sort()
		).toEqual([made[4].id, made[2].id].sort());
	});

	it('answers reach the author and the supporters', async () => {
		const c = await open('proposals');
		const [ana, bea, carla] = residents;
		const p = await createProposal(ana, c.id, proposal('Un servizio di spesa a domicilio'));
		await movePhase(lead, c.id, 'supports');
		await supportProposal(bea, p.id);
		const answered = await answerProposal(lead, p.id, {
			state: 'accepted',
			text: 'Lo avviamo in primavera con due associazioni.'
		});
		expect(answered).toMatchObject({
			state: 'accepted',
			answer: expect.stringContaining('primavera')
		});
		for (const who of [ana, bea])
			expect((await notified(who, 'proposal_answered'))[0].data).toMatchObject({
				proposalId: p.id,
				state: 'accepted'
			});
		expect(await notified(carla, 'proposal_answered', 0)).toEqual([]);
	});

	it('three reports from different people hide one until a coordinator looks', async () => {
		const c = await open('proposals');
		const [ana, bea, carla, dario, elena] = residents;
		const p = await createProposal(
			ana,
			c.id,
			proposal('Una proposta che qualcuno trova offensiva')
		);
		expect(await codeWithReason(reportProposal(ana, p.id, 'mia'))).toBe('forbidden');
		await reportProposal(bea, p.id, 'Offende');
		expect(await codeWithReason(reportProposal(bea, p.id, 'Ancora'))).toBe(
			'conflict:already_reported'
		);
		expect((await reportProposal(carla, p.id, 'Offende')).hidden).toBe(false);
		expect((await reportProposal(dario, p.id, 'Offende')).hidden).toBe(true);
		// Hidden from everyone but the coordinators, who find it waiting.
		expect(await codeWithReason(getProposal(elena, p.id))).toBe('not_found');
		expect((await listProposals(null, c.id, { sort: 'newest', limit: 10 })).items).toEqual([]);
		expect((await proposalsToModerate(lead, c.id)).map((x) => x.id)).toEqual([p.id]);
		expect(await codeWithReason(proposalsToModerate(operator, c.id))).toBe('forbidden');
		await moderateProposal(lead, p.id, 'restore');
		expect((await getProposal(elena, p.id)).moderation).toBe('visible');
		// Three new people are needed to hide it again; a removal is for good.
		expect((await reportProposal(elena, p.id, 'Offende')).hidden).toBe(false);
		await moderateProposal(lead, p.id, 'remove');
		expect(await codeWithReason(getProposal(elena, p.id))).toBe('not_found');
		expect(await codeWithReason(moderateProposal(lead, p.id, 'restore'))).toBe(
			'conflict:proposal_removed'
		);
		const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, p.id));
		expect(audit.map((a) => a.details)).toEqual([
			{ organisationId: orgId, decision: 'restore' },
			{ organisationId: orgId, decision: 'remove' }
		]);
	});
});

describe('supports', () => {
	it('one per person and proposal, a limit per person, withdrawable while open', async () => {
		const c = await open('proposals', { supportsPerPerson: 2 });
		const [ana, bea] = residents;
		const ps = [];
		for (const t of ['Fontanella nel parco', 'Bagni pubblici puliti', 'Illuminazione del viale'])
			ps.push(await createProposal(ana, c.id, proposal(t)));
		// Open from the proposals phase (support one like yours instead of proposing it again).
		await movePhase(lead, c.id, 'information');
		expect(await codeWithReason(supportProposal(bea, ps[0].id))).toBe('conflict:phase_closed');
		await movePhase(lead, c.id, 'supports');
		expect(await supportProposal(bea, ps[0].id)).toEqual({ supports: 1 });
		expect(await codeWithReason(supportProposal(bea, ps[0].id))).toBe('conflict:already_supported');
		await supportProposal(bea, ps[1].id);
		expect(await codeWithReason(supportProposal(bea, ps[2].id))).toBe('conflict:support_limit');
		await withdrawSupport(bea, ps[1].id);
		expect((await getProposal(bea, ps[1].id)).supports).toBe(0);
		await supportProposal(bea, ps[2].id);
		expect(await codeWithReason(withdrawSupport(bea, ps[1].id))).toBe('not_found');
		// A support is not lost when its proposal is hidden: it can still be withdrawn.
		for (const r of residents.slice(2, 5)) await reportProposal(r, ps[2].id, 'Fuori tema');
		expect((await getProposal(lead, ps[2].id)).moderation).toBe('hidden');
		await withdrawSupport(bea, ps[2].id);
		expect(await codeWithReason(supportProposal(bea, ps[2].id))).toBe('not_found');
		await supportProposal(bea, ps[1].id);
		await movePhase(lead, c.id, 'voting');
		expect(await codeWithReason(withdrawSupport(bea, ps[2].id))).toBe('conflict:phase_closed');
	});

	it('marks a proposal reaching the threshold, once, and tells its author', async () => {
		const c = await open('proposals', { supportThreshold: 3 });
		const author = residents[5];
		const p = await createProposal(author, c.id, proposal('Un ambulatorio infermieristico'));
		await movePhase(lead, c.id, 'supports');
		for (const r of residents.slice(0, 2)) await supportProposal(r, p.id);
		expect((await getProposal(null, p.id)).thresholdReached).toBe(false);
		for (const r of residents.slice(2, 4)) await supportProposal(r, p.id);
		expect((await getProposal(null, p.id)).thresholdReached).toBe(true);
		// Back under the threshold and up to it again: still told once.
		await withdrawSupport(residents[3], p.id);
		await withdrawSupport(residents[2], p.id);
		await supportProposal(residents[2], p.id);
		await supportProposal(residents[4], p.id);
		const told = await notified(author, 'proposal_threshold');
		expect(told).toHaveLength(1);
		expect(told[0].data).toMatchObject({ proposalId: p.id, supports: '3' });
	});

	it('20 supports of one person at once, with a limit of 5: exactly 5 count', async () => {
		const c = await open('proposals', { supportsPerPerson: 5, proposalsPerPerson: 20 });
		const ps = [];
		for (let i = 0; i < 20; i++)
			ps.push(
				await createProposal(residents[1], c.id, {
					...proposal(`Proposta numero ${i} per il quartiere ${'xyz'.repeat(i % 3)}`),
					allowSimilar: true
				})
			);
		await movePhase(lead, c.id, 'supports');
		const outcomes = await Promise.all(
			ps.map((p) => codeWithReason(supportProposal(residents[2], p.id)))
		);
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
		expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'conflict:support_limit')).toBe(
			true
		);
		const total = (await listProposals(null, c.id, { sort: 'supports', limit: 100 })).items.reduce(
			(sum, p) => sum + p.supports,
			0
		);
		expect(total).toBe(5);
	});

	it('the same support 20 times at once, and 8 people at once: one each', async () => {
		const c = await open('proposals');
		const p = await createProposal(residents[0], c.id, proposal('Giochi nuovi al parco'));
		await movePhase(lead, c.id, 'supports');
		const same = await Promise.all(
			Array.from({ length: 20 }, () => codeWithReason(supportProposal(residents[3], p.id)))
		);
		expect(same.filter((o) => o === 'ok')).toHaveLength(1);
		await Promise.all(
			residents.filter((r) => r !== residents[3]).map((r) => supportProposal(r, p.id))
		);
		expect((await getProposal(null, p.id)).supports).toBe(residents.length);
	});
});

describe('polls and ballots', () => {
	it('counts the four methods; ranked gives its rounds', async () => {
		const c = await open('voting');
		const single = await createPoll(lead, c.id, poll({ results: 'always' }));
		const [a, b, o] = single.options.map((x) => x.id);
		for (const [i, r] of residents.slice(0, 5).entries())
			await castBallot(r, single.id, ballot([i < 3 ? a : b]));
		expect(await pollResults(null, single.id)).toMatchObject({
			ballots: 5,
			tally: [
				{ optionId: a, votes: 3 },
				{ optionId: b, votes: 2 },
				{ optionId: o, votes: 0 }
			],
			winner: a
		});
		const approval = await createPoll(
			lead,
			c.id,
			poll({ method: 'approval', maxChoices: 2, results: 'always' })
		);
		const ap = approval.options.map((x) => x.id);
		expect(await codeWithReason(castBallot(residents[0], approval.id, ballot(ap)))).toBe(
			'invalid_input'
		);
		await castBallot(residents[0], approval.id, ballot([ap[0], ap[1]]));
		await castBallot(residents[1], approval.id, ballot([ap[1]]));
		expect((await pollResults(null, approval.id)).winner).toBe(ap[1]);
		const score = await createPoll(lead, c.id, poll({ method: 'score', results: 'always' }));
		const sc = score.options.map((x) => x.id);
		expect(await codeWithReason(castBallot(residents[0], score.id, ballot([sc[0]])))).toBe(
			'invalid_input'
		);
		await castBallot(
			residents[0],
			score.id,
			ballot([
				{ optionId: sc[0], score: 5 },
				{ optionId: sc[1], score: 2 }
			])
		);
		await castBallot(residents[1], score.id, ballot([{ optionId: sc[1], score: 4 }]));
		expect((await pollResults(null, score.id)).tally).toEqual([
			{ optionId: sc[1], score: 3 },
			{ optionId: sc[0], score: 2.5 },
			{ optionId: sc[2], score: 0 }
		]);
		// Ranked: Biblioteca leads the first round, Palestra wins the runoff.
		const ranked = await createPoll(
			lead,
			c.id,
			poll({
				method: 'ranked',
				results: 'always',
				options: ['Biblioteca', 'Palestra', 'Orto', 'Cinema']
			})
		);
		const [lib, gym, garden, cinema] = ranked.options.map((x) => x.id);
		const prefs = [[lib], [lib], [lib], [gym], [gym], [garden, gym], [cinema, gym]];
		for (const [i, p] of prefs.entries()) await castBallot(residents[i], ranked.id, ballot(p));
		const result = await pollResults(null, ranked.id);
		expect(result.winner).toBe(gym);
		expect(result.rounds).toHaveLength(2);
		expect(result.rounds![0]).toEqual({
			tally: [
				{ optionId: lib, votes: 3 },
				{ optionId: gym, votes: 2 },
				{ optionId: garden, votes: 1 },
				{ optionId: cinema, votes: 1 }
			],
			exhausted: 0,
			eliminated: [garden, cinema]
		});
		expect(result.rounds![1].tally).toEqual([
			{ optionId: gym, votes: 4 },
			{ optionId: lib, votes: 3 }
		]);
	});

	it('a poll without a window of its own opens and closes with the voting phase', async () => {
		const c = await open('supports');
		const p = await createPoll(lead, c.id, poll({}));
		expect(p.status).toBe('scheduled');
		const choice = [p.options[0].id];
		expect(await codeWithReason(castBallot(residents[0], p.id, ballot(choice)))).toBe(
			'conflict:poll_closed'
		);
		await movePhase(lead, c.id, 'voting');
		expect((await getPoll(null, p.id)).status).toBe('open');
		await castBallot(residents[0], p.id, ballot(choice));
		await movePhase(lead, c.id, 'results');
		expect((await getPoll(residents[0], p.id)).status).toBe('closed');
		expect((await getPoll(residents[0], p.id)).voted).toBe(true);
		expect(await codeWithReason(castBallot(residents[1], p.id, ballot(choice)))).toBe(
			'conflict:poll_closed'
		);
		// A window of its own needs its end.
		expect(await codeWithReason(createPoll(lead, c.id, poll({ opensAt: from(1) })))).toBe(
			'invalid_input'
		);
		// Its own window wins over the phase.
		const own = await createPoll(lead, c.id, poll({ closesAt: from(1) }));
		expect(own.status).toBe('open');
		advanceClock(2 * DAY);
		expect((await getPoll(null, own.id)).status).toBe('closed');
	});

	it('results always, after one’s vote, or after closing', async () => {
		const c = await open('voting');
		const after = await createPoll(lead, c.id, poll({ results: 'after_vote' }));
		const closing = await createPoll(
			lead,
			c.id,
			poll({ results: 'after_close', closesAt: from(1) })
		);
		const [ana, bea] = residents;
		expect(await codeWithReason(pollResults(ana, after.id))).toBe('forbidden:results_hidden');
		await castBallot(ana, after.id, ballot([after.options[0].id]));
		expect((await pollResults(ana, after.id)).ballots).toBe(1);
		expect(await codeWithReason(pollResults(bea, after.id))).toBe('forbidden:results_hidden');
		await castBallot(ana, closing.id, ballot([closing.options[0].id]));
		expect(await codeWithReason(pollResults(ana, closing.id))).toBe('forbidden:results_hidden');
		expect((await pollResults(lead, closing.id)).ballots).toBe(1);
		advanceClock(2 * DAY);
		expect((await pollResults(null, closing.id)).winner).toBe(closing.options[0].id);
	});

	it('casting again replaces a ballot; in an anonymous poll the first is final', async () => {
		const c = await open('voting');
		const open1 = await createPoll(lead, c.id, poll({ results: 'always' }));
		const [a, b] = open1.options.map((x) => x.id);
		await castBallot(residents[0], open1.id, ballot([a]));
		await castBallot(residents[0], open1.id, ballot([b]));
		expect((await pollResults(null, open1.id)).tally[0]).toEqual({ optionId: b, votes: 1 });
		const secret = await createPoll(lead, c.id, poll({ anonymous: true, results: 'always' }));
		const [sa, sb] = secret.options.map((x) => x.id);
		await castBallot(residents[0], secret.id, ballot([sa]));
		expect(await codeWithReason(castBallot(residents[0], secret.id, ballot([sb])))).toBe(
			'conflict:already_voted'
		);
		// An anonymous poll's count waits for its close, for its organisers too, whatever was set.
		expect(secret.results).toBe('after_close');
		for (const who of [null, residents[0], lead])
			expect(await codeWithReason(pollResults(who, secret.id))).toBe('forbidden:results_hidden');
		await movePhase(lead, c.id, 'results');
		expect((await pollResults(null, secret.id)).tally[0]).toEqual({ optionId: sa, votes: 1 });
	});

	it('an anonymous poll stores nothing that ties a ballot to its voter', async () => {
		const c = await open('voting');
		const secret = await createPoll(lead, c.id, poll({ anonymous: true, results: 'always' }));
		for (const [i, r] of residents.slice(0, 4).entries())
			await castBallot(r, secret.id, ballot([secret.options[i % 3].id]));
		const voters = await db.select().from(pollVoters).where(eq(pollVoters.pollId, secret.id));
		const ballots = await db
			.select()
			.from(anonymousBallots)
			.where(eq(anonymousBallots.pollId, secret.id));
		expect(voters).toHaveLength(4);
		expect(ballots).toHaveLength(4);
		// Who voted: no choice. What was chosen: only the poll and the choice, under a random id.
		expect(voters.every((v) => v.choices === null)).toBe(true);
		expect(Object.keys(ballots[0]).sort()).toEqual(['choices', 'id', 'pollId']);
		const columns = await db.execute(
			sql`select column_name from information_schema.columns where table_name = 'anonymous_ballots' order by column_name`
		);
		const names = currentDatabase().rows<{ column_name: string }>(columns);
		expect(names.map((n) => n.column_name)).toEqual(['choices', 'id', 'poll_id']);
		// No value of a ballot row appears in any voter row.
		const voterText = JSON.stringify(voters);
		for (const b of ballots) expect(voterText.includes(b.id)).toBe(false);
		// The organisers see who voted, never how.
		const list = await pollVotersList(lead, secret.id);
		expect(list.total).toBe(4);
		expect(JSON.stringify(list)).not.toMatch(/choices|optionId/);
	});
});

describe('one person, one vote, also offline', () => {
	it('an assisted ballot, then the resident online: refused; and the other way round', async () => {
		const c = await open('voting', { assistedBallots: true });
		const p = await createPoll(lead, c.id, poll({ anonymous: true }));
		const choice = [p.options[0].id];
		const [ana, bea] = residents.slice(6, 8);
		// Online ballots need a tied identity here.
		expect(await codeWithReason(castBallot(ana, p.id, ballot(choice)))).toBe(
			'forbidden:not_eligible'
		);
		await tieIdentity(ana, CF[0]);
		await tieIdentity(bea, CF[1]);
		expect((await identityOf(ana)).tied).toBe(true);
		await castBallot(operator, p.id, ballot(choice, { personKey: CF[0], consent: true }));
		expect(await codeWithReason(castBallot(ana, p.id, ballot(choice)))).toBe(
			'conflict:already_voted'
		);
		await castBallot(bea, p.id, ballot(choice));
		expect(
			await codeWithReason(
				castBallot(
					operator,
					p.id,
					ballot(choice, { personKey: CF[1].toLowerCase(), consent: true })
				)
			)
		).toBe('conflict:already_voted');
		// A second assisted ballot for the same person is refused too.
		await castBallot(lead, p.id, ballot(choice, { personKey: CF[2], consent: true }));
		expect(
			await codeWithReason(
				castBallot(operator, p.id, ballot(choice, { personKey: CF[2], consent: true }))
			)
		).toBe('conflict:already_voted');
		// In the audit log: who recorded it and for which poll, never the choice or the code.
		const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, p.id));
		expect(audit).toHaveLength(2);
		expect(audit.map((a) => a.action)).toEqual(['ballot.assisted', 'ballot.assisted']);
		const text = JSON.stringify(audit);
		for (const code of CF) expect(text.includes(code)).toBe(false);
		expect(text.includes(choice[0])).toBe(false);
		// The identity is kept only as a keyed hash.
		const tied = await db.select().from(identities).where(eq(identities.userId, ana.id));
		expect(tied[0].identityHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(tied).includes(CF[0])).toBe(false);
	});

	it('assisted ballots need the setting, the organisation, and consent', async () => {
		const off = await open('voting');
		const p = await createPoll(lead, off.id, poll({}));
		const behalf = { personKey: CF[3], consent: true };
		expect(
			await codeWithReason(castBallot(operator, p.id, ballot([p.options[0].id], behalf)))
		).toBe('forbidden:assisted_off');
		const on = await open('voting', { assistedBallots: true });
		const q = await createPoll(lead, on.id, poll({}));
		expect(
			await codeWithReason(castBallot(otherLead, q.id, ballot([q.options[0].id], behalf)))
		).toBe('forbidden');
		expect(
			await codeWithReason(castBallot(residents[0], q.id, ballot([q.options[0].id], behalf)))
		).toBe('forbidden');
		expect(
			castBallotSchema.safeParse({
				choices: [q.options[0].id],
				onBehalfOf: { personKey: CF[3], consent: false }
			}).success
		).toBe(false);
		expect(
			castBallotSchema.safeParse({
				choices: [q.options[0].id],
				onBehalfOf: {
					personKey: CF[3].slice(0, 15) + (CF[3].endsWith('A') ? 'B' : 'A'),
					consent: true
				}
			}).success
		).toBe(false);
	});

	it('one account per codice fiscale, and a tied one stays', async () => {
		const [x, y] = await people(2, 'Identita');
		await tieIdentity(x, codiceFiscale(300));
		expect(
			await codeWithReason(
				tieIdentity(
					y,
					identitySchema.parse({ personKey: codiceFiscale(300).toLowerCase() }).personKey
				)
			)
		).toBe('conflict:identity_taken');
		expect(await codeWithReason(tieIdentity(x, CF[3]))).toBe('conflict:identity_already_tied');
		expect(await codeWithReason(tieIdentity(x, codiceFiscale(300)))).toBe('ok');
	});

	it('40 people at once, one person 20 times at once, and assisted racing online', async () => {
		const c = await open('voting', { assistedBallots: true });
		const p = await createPoll(lead, c.id, poll({ anonymous: true, results: 'always' }));
		const choice = [p.options[1].id];
		const crowd = await people(40, 'Folla');
		for (const [i, person] of crowd.entries()) {
			await livesIn(person, quarter);
			await tieIdentity(person, codiceFiscale(i));
		}
		const at = await Promise.all(
			crowd.map((person) => codeWithReason(castBallot(person, p.id, ballot(choice))))
		);
		expect(at.every((o) => o === 'ok')).toBe(true);
		const twenty = await Promise.all(
			Array.from({ length: 20 }, () => codeWithReason(castBallot(crowd[0], p.id, ballot(choice))))
		);
		expect(twenty.every((o) => o === 'conflict:already_voted')).toBe(true);
		// A fresh person: their own ballot and an assisted one at the same moment, ten times over.
		const racers = await people(10, 'Gara');
		for (const [i, person] of racers.entries()) {
			await livesIn(person, quarter);
			await tieIdentity(person, codiceFiscale(100 + i));
		}
		const races = await Promise.all(
			racers.map((person, i) =>
				Promise.all([
					codeWithReason(castBallot(person, p.id, ballot(choice))),
					codeWithReason(
						castBallot(
							operator,
							p.id,
							ballot(choice, { personKey: codiceFiscale(100 + i), consent: true })
						)
					)
				])
			)
		);
		for (const pair of races) expect(pair.sort()).toEqual(['conflict:already_voted', 'ok']);
		await movePhase(lead, c.id, 'results');
		expect((await pollResults(null, p.id)).ballots).toBe(50);
		const stored = await db
			.select()
			.from(anonymousBallots)
			.where(eq(anonymousBallots.pollId, p.id));
		expect(stored).toHaveLength(50);
	});

	it('a poll that is not anonymous: one account casting 20 at once keeps one ballot', async () => {
		const c = await open('voting');
		const p = await createPoll(lead, c.id, poll({ results: 'always' }));
		const ids = p.options.map((o) => o.id);
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				codeWithReason(castBallot(residents[4], p.id, ballot([ids[i % 3]])))
			)
		);
		expect(outcomes.every((o) => o === 'ok')).toBe(true);
		expect((await pollResults(null, p.id)).ballots).toBe(1);
	});
});

describe('phases, followers and commitments', () => {
	it('followers are told when the phase changes, by hand or by the clock', async () => {
		const c = await open('proposals');
		const fan = residents[8];
		await follow(fan, c.id, true);
		await movePhase(lead, c.id, 'supports');
		expect((await notified(fan, 'consultation_phase'))[0].data).toMatchObject({
			consultationId: c.id,
			phase: 'supports'
		});
		// The coordinator who opened it follows it too.
		expect((await notified(lead, 'consultation_phase')).length).toBeGreaterThan(0);
		const { sweepPhaseChanges } = await import('../../src/lib/server/consultations/service');
		advanceClock(20 * DAY);
		await sweepPhaseChanges();
		await sweepPhaseChanges();
		const told = await notified(fan, 'consultation_phase', 2);
		expect(told.map((n) => n.data.phase).sort()).toEqual(['supports', 'voting']);
	});

	it('commitments with progress and milestones; followers are told', async () => {
		const c = await open('results');
		const fan = residents[9];
		await follow(fan, c.id, true);
		const made = await addCommitment(lead, c.id, {
			title: 'Apriamo la biblioteca la sera',
			description: '',
			proposalId: null,
			progress: 0
		});
		await updateCommitment(lead, made.id, {
			progress: 40,
			milestone: { date: '2027-03-01', text: 'Trovati i volontari per il turno serale' }
		});
		const [commitment] = await listCommitments(null, c.id);
		expect(commitment).toMatchObject({ progress: 40, milestones: [{ date: '2027-03-01' }] });
		expect(
			(await notified(fan, 'commitment_progress', 2)).map((n) => n.data.progress).sort()
		).toEqual(['0', '40']);
	});
});

describe('who may do what', () => {
	type Who =
		'coordinator' | 'operator' | 'other coordinator' | 'resident' | 'outsider' | 'signed out';
	const who = (w: Who): Actor | null =>
		({
			coordinator: lead,
			operator,
			'other coordinator': otherLead,
			resident: residents[10 % residents.length],
			outsider,
			'signed out': null
		})[w];

	it.each([
		// who: propose, list, support, answer, open a poll, vote, voters, commit, follow, assist
		[
			'coordinator',
			[
				'forbidden:not_eligible',
				'ok',
				'forbidden:not_eligible',
				'ok',
				'ok',
				'forbidden:not_eligible',
				'ok',
				'ok',
				'ok',
				'ok'
			]
		],
		[
			'operator',
			[
				'forbidden:not_eligible',
				'ok',
				'forbidden:not_eligible',
				'forbidden',
				'forbidden',
				'forbidden:not_eligible',
				'forbidden',
				'forbidden',
				'ok',
				'ok'
			]
		],
		[
			'other coordinator',
			[
				'forbidden:not_eligible',
				'ok',
				'forbidden:not_eligible',
				'forbidden',
				'forbidden',
				'forbidden:not_eligible',
				'forbidden',
				'forbidden',
				'ok',
				'forbidden'
			]
		],
		[
			'resident',
			[
				'ok',
				'ok',
				'ok',
				'forbidden',
				'forbidden',
				'ok',
				'forbidden',
				'forbidden',
				'ok',
				'forbidden'
			]
		],
		[
			'outsider',
			[
				'forbidden:not_eligible',
				'ok',
				'forbidden:not_eligible',
				'forbidden',
				'forbidden',
				'forbidden:not_eligible',
				'forbidden',
				'forbidden',
				'ok',
				'forbidden'
			]
		],
		[
			'signed out',
			[
				'unauthenticated',
				'ok',
				'unauthenticated',
				'unauthenticated',
				'unauthenticated',
				'unauthenticated',
				'unauthenticated',
				'unauthenticated',
				'unauthenticated',
				'unauthenticated'
			]
		]
	] as const)('%s', async (w, expected) => {
		const actor = who(w as Who);
		// Every phase open at once is impossible: one consultation per phase, all in the quarter.
		const proposing = await open('proposals', {}, { title: 'Permessi: proposte' });
		const supporting = await open('proposals', { assistedBallots: false });
		const base = await createProposal(residents[0], supporting.id, {
			...proposal(`Base ${crypto.randomUUID()}`),
			allowSimilar: true
		});
		await movePhase(lead, supporting.id, 'supports');
		const voting = await open('voting', { assistedBallots: true });
		const p = await createPoll(lead, voting.id, poll({}));
		const votingFree = await open('voting');
		const free = await createPoll(lead, votingFree.id, poll({}));
		const choice = [free.options[0].id];
		const outcomes = [
			await codeWithReason(
				createProposal(actor, proposing.id, {
					...proposal(`Nuova ${crypto.randomUUID()}`),
					allowSimilar: true
				})
			),
			await codeWithReason(listProposals(actor, proposing.id, { sort: 'supports', limit: 5 })),
			await codeWithReason(supportProposal(actor, base.id)),
			await codeWithReason(
				answerProposal(actor, base.id, { state: 'evaluating', text: 'Ci pensiamo' })
			),
			await codeWithReason(createPoll(actor, voting.id, poll({}))),
			await codeWithReason(castBallot(actor, free.id, ballot(choice))),
			await codeWithReason(pollVotersList(actor, p.id)),
			await codeWithReason(
				addCommitment(actor, voting.id, {
					title: 'Impegno',
					description: '',
					proposalId: null,
					progress: 0
				})
			),
			await codeWithReason(follow(actor, voting.id, true)),
			await codeWithReason(
				castBallot(
					actor,
					p.id,
					ballot([p.options[0].id], { personKey: codiceFiscale(assistedFor++), consent: true })
				)
			)
		];
		expect(outcomes).toEqual(expected);
		// Everyone may read the polls and, once closed, their results.
		expect(await codeWithReason(listPolls(actor, voting.id))).toBe('ok');
	});
});

describe('who may do what, the rest of the calls', () => {
	const who: Record<string, () => Actor | null> = {
		coordinator: () => lead,
		operator: () => operator,
		'other coordinator': () => otherLead,
		resident: () => residents[9],
		outsider: () => outsider,
		'signed out': () => null
	};
	let identities = 400;

	// who: report, moderation queue, moderate, results while hidden, results once closed,
	// move a commitment on, tie an identity (one line each, so the table reads as a table)
	it.each([
		['coordinator', 'ok ok ok ok ok ok ok'],
		['operator', 'ok forbidden forbidden forbidden:results_hidden ok forbidden ok'],
		['other coordinator', 'ok forbidden forbidden forbidden:results_hidden ok forbidden ok'],
		['resident', 'ok forbidden forbidden forbidden:results_hidden ok forbidden ok'],
		['outsider', 'ok forbidden forbidden forbidden:results_hidden ok forbidden ok'],
		[
			'signed out',
			'unauthenticated unauthenticated unauthenticated forbidden:results_hidden ok unauthenticated unauthenticated'
		]
	])('%s', async (w, expected) => {
		const actor = who[w]();
		const proposing = await open('proposals');
		const first = await createProposal(residents[0], proposing.id, {
			...proposal(`Da segnalare ${crypto.randomUUID()}`),
			allowSimilar: true
		});
		const c = await open('voting');
		const hidden = await createPoll(lead, c.id, poll({ results: 'after_close' }));
		const closed = await createPoll(lead, c.id, poll({ closesAt: from(1) }));
		const commitment = await addCommitment(lead, c.id, {
			title: 'Apriamo la sala',
			description: '',
			proposalId: null,
			progress: 0
		});
		advanceClock(2 * DAY);
		const outcomes = [
			await codeWithReason(reportProposal(actor, first.id, 'Fuori tema')),
			await codeWithReason(proposalsToModerate(actor, proposing.id)),
			await codeWithReason(moderateProposal(actor, first.id, 'restore')),
			await codeWithReason(pollResults(actor, hidden.id)),
			await codeWithReason(pollResults(actor, closed.id)),
			await codeWithReason(updateCommitment(actor, commitment.id, { progress: 50 })),
			await codeWithReason(tieIdentity(actor, codiceFiscale(identities++)))
		];
		expect(outcomes.join(' ')).toBe(expected);
	});
});
