// Retention and the voter keys of erased accounts, with a moved clock (docs/privacy.md): closed
// needs keep their personal data for RETENTION_DAYS, then lose it by themselves; an erased
// person's ballot stays counted, and the key that stops them voting again lasts until the poll
// closes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { goodPassword } from '../helpers/server';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { castBallot } from '../../src/lib/server/consultations/ballots';
import { tieIdentity } from '../../src/lib/server/consultations/identity';
import { createPoll, getPoll } from '../../src/lib/server/consultations/polls';
import { createConsultation } from '../../src/lib/server/consultations/service';
import { db } from '../../src/lib/server/db/client';
import { auditLog, identities, needs, pollVoters } from '../../src/lib/server/db/schema';
import { completeNeed } from '../../src/lib/server/needs/service';
import {
	needConsentList,
	recordConsent,
	revokeConsent
} from '../../src/lib/server/privacy/consents';
import { eraseAccount } from '../../src/lib/server/privacy/erasure';
import { exportOrganisation } from '../../src/lib/server/privacy/export';
import { retentionSchedule, sweepRetention } from '../../src/lib/server/privacy/retention';
import {
	castBallotSchema,
	createConsultationSchema,
	createPollSchema
} from '../../src/lib/shared/schemas/consultations';
import { completeNeedSchema } from '../../src/lib/shared/schemas/needs';
import { testActor } from '../helpers/actors';
import { codiceFiscale, phasesAround } from '../helpers/consultations';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { organisation, people } from '../helpers/organisations';
import { codeOf, codeWithReason } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const DAY = 86_400_000;

beforeAll(async () => {
	database = await useTestDatabase({
		RATE_LIMIT_DISABLED: '1',
		LOG_LEVEL: 'silent',
		RETENTION_DAYS: '30'
	});
});
afterAll(() => database.close());
afterEach(() => resetClock());

const stored = async (id: string) => (await db.select().from(needs).where(eq(needs.id, id)))[0];

describe('retention', () => {
	it('erases a closed need after RETENTION_DAYS, keeping what statistics need', async () => {
		const [c, o] = await people(2, 'Conserva');
		const org = await organisation([
			[c, 'coordinator'],
			[o, 'operator']
		]);
		const operator = org.as(o, 'operator');
		const old = await postNeed(operator, {
			organisationId: org.id,
			contact: 'Signora Rossi, 333 12',
			approxLocation: 'vicino al mercato',
			description: 'Spesa per la signora Rossi'
		});
		const open = await postNeed(operator, { organisationId: org.id, contact: 'Sig. Blu' });
		await completeNeed(
			operator,
			old.id,
			completeNeedSchema.parse({ outcome: 'done', note: 'Fatto con la signora Rossi' })
		);
		advanceClock(10 * DAY);
		const recent = await postNeed(operator, { organisationId: org.id, contact: 'Sig. Verdi' });
		await completeNeed(operator, recent.id, completeNeedSchema.parse({ outcome: 'unreachable' }));

		const admin = testActor(c.id, { isAdmin: true });
		const before = await retentionSchedule(admin);
		expect(before.retentionDays).toBe(30);
		expect(before.next.map((n) => n.id)).toEqual(expect.arrayContaining([old.id, recent.id]));
		expect(await codeOf(retentionSchedule(operator))).toBe('forbidden');

		advanceClock(19 * DAY); // 29 days after the first closing: not yet
		expect(await sweepRetention()).toBe(0);
		expect((await stored(old.id)).contact).toBe('Signora Rossi, 333 12');

		advanceClock(2 * DAY);
		expect(await sweepRetention()).toBe(1);
		const erased = await stored(old.id);
		expect(erased).toMatchObject({
			contact: '',
			description: '',
			approxLocation: '',
			categoryId: 'food',
			outcome: 'done',
			status: 'fulfilled'
		});
		expect(erased.redactedAt).not.toBeNull();
		expect(JSON.stringify(await db.select().from(needs).where(eq(needs.id, old.id)))).not.toContain(
			'Rossi'
		);
		expect((await stored(recent.id)).contact).toBe('Sig. Verdi');
		expect((await stored(open.id)).contact).toBe('Sig. Blu');
		const runs = await db.select().from(auditLog).where(eq(auditLog.action, 'retention.run'));
		expect(runs.at(-1)?.details).toMatchObject({ count: 1, retentionDays: 30 });
		// The closing note went too; the schedule no longer lists it.
		const { historyOf } = await import('../../src/lib/server/needs/history');
		expect(JSON.stringify(await historyOf(db, old.id))).not.toContain('Rossi');
		expect((await retentionSchedule(admin)).next.map((n) => n.id)).not.toContain(old.id);

		// The organisation's export still has the need, as statistics keep it.
		const coordinator = org.as(c, 'coordinator');
		const data = await exportOrganisation(coordinator, org.id);
		expect((data.tables.needs as { id: string }[]).map((n) => n.id)).toContain(old.id);
		expect(await codeOf(exportOrganisation(operator, org.id))).toBe('forbidden');
	});
});

describe('consent under concurrency', () => {
	it('a revocation and a new consent at once leave sharing as the consents say', async () => {
		const [o] = await people(1, 'Consenso');
		const org = await organisation([[o, 'operator']]);
		const operator = org.as(o, 'operator');
		const helpers = {
			purpose: 'Spesa',
			recipients: 'helpers',
			givenBy: 'person',
			note: ''
		} as const;
		for (let i = 0; i < 10; i++) {
			const need = await postNeed(operator, {
				organisationId: org.id,
				contact: 'Sig. Rossi',
				consent: helpers
			});
			const [first] = await needConsentList(operator, need.id);
			await Promise.all([
				revokeConsent(operator, need.id, first.id),
				recordConsent(operator, need.id, helpers)
			]);
			expect((await stored(need.id)).contactShared, `round ${i}`).toBe(true);
		}
	});
});

describe('ballots of an erased account', () => {
	it('stay counted; the key holds while the poll is open, then becomes a random one', async () => {
		const [c, voter, again] = await people(3, 'Votante');
		const org = await organisation([[c, 'coordinator']]);
		const lead = org.as(c, 'coordinator');
		const consultation = await createConsultation(
			lead,
			createConsultationSchema.parse({
				title: 'Il giardino della scuola',
				description: 'Che cosa piantiamo?',
				organisationId: org.id,
				phases: phasesAround('voting'),
				settings: { requireIdentity: true }
			})
		);
		const poll = await createPoll(
			lead,
			consultation.id,
			createPollSchema.parse({
				question: 'Alberi o orto?',
				method: 'single',
				options: ['Alberi', 'Orto']
			})
		);
		const code = codiceFiscale(411);
		await tieIdentity(voter, code);
		const choice = castBallotSchema.parse({ choices: [poll.options[0].id] });
		await castBallot(voter, poll.id, choice);
		await eraseAccount(voter, { password: goodPassword, eraseMessages: false });
		expect(await db.select().from(identities).where(eq(identities.userId, voter.id))).toEqual([]);
		const [kept] = await db.select().from(pollVoters).where(eq(pollVoters.pollId, poll.id));
		expect(kept).toMatchObject({ userId: null, forgetAfterClose: true });
		expect(kept.voter).toMatch(/^i:/);

		// Signing up again with the same code does not vote twice while the poll is open.
		await tieIdentity(again, code);
		expect(await codeWithReason(castBallot(again, poll.id, choice))).toBe('conflict:already_voted');

		advanceClock(11 * DAY); // the voting phase is over
		expect((await getPoll(lead, poll.id)).status).toBe('closed');
		await sweepRetention();
		const [forgotten] = await db.select().from(pollVoters).where(eq(pollVoters.pollId, poll.id));
		expect(forgotten.voter).toMatch(/^x:/);
		expect(forgotten.forgetAfterClose).toBe(false);
		expect(forgotten.choices).toEqual(kept.choices);
	});
});
