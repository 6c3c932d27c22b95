// Who holds a claim can change hands between organisations: asked, answered or approved by the
// clock; stale claims are freed by coordinators; holders are reminded before a claim ends; a
// need found to be a duplicate invites its people to the original. Each step is in the history,
// told only to the people concerned, and by e-mail to those who chose it. The clock is injected.
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorById, type Actor } from '../../src/lib/server/auth/actor';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { claims, memberships, organisations, outbox, users } from '../../src/lib/server/db/schema';
import { releaseStaleClaim, remindExpiringClaims } from '../../src/lib/server/needs/claim-upkeep';
import { claimNeed, extendClaim, releaseClaims } from '../../src/lib/server/needs/claims';
import { logContact } from '../../src/lib/server/needs/contacts';
import {
	answerHandover,
	listHandovers,
	pendingHandoversOf,
	requestHandover,
	sweepHandovers
} from '../../src/lib/server/needs/handovers';
import {
	completeNeed,
	createNeed,
	getNeed,
	getNeedHistory
} from '../../src/lib/server/needs/service';
import {
	chooseEmailNotifications,
	emailChoicesOf
} from '../../src/lib/server/notifications/service';
import { startNotifications } from '../../src/lib/server/notifications/subscriptions';
import { logContactSchema } from '../../src/lib/shared/schemas/contacts';
import {
	answerHandoverSchema,
	requestHandoverSchema
} from '../../src/lib/shared/schemas/handovers';
import { completeNeedSchema, createNeedSchema } from '../../src/lib/shared/schemas/needs';
import {
	emailChoicesFormSchema,
	emailChoicesSchema
} from '../../src/lib/shared/schemas/notifications';
import { useTestDatabase } from '../helpers/in-process';
import { notified } from '../helpers/notified';
import { vouchFor, withdrawVouch } from '../../src/lib/server/vouches/service';
import { vouchSchema } from '../../src/lib/shared/schemas/vouches';
import { codeOf, codeWithReason, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let stopNotifications: () => void;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
	stopNotifications = startNotifications();
});
afterAll(async () => {
	stopNotifications();
	await database.close();
});
afterEach(() => resetClock());

const person = signedUpActor;

/** An organisation with one person in each role, as the actors the services see. */
async function organisation(name: string) {
	const [org] = await db
		.insert(organisations)
		.values({ name: `${name} ${crypto.randomUUID().slice(0, 6)}`, kind: 'ngo', status: 'verified' })
		.returning();
	const staff = async (who: string, role: 'coordinator' | 'operator' | 'volunteer') => {
		const actor = await person(who);
		await db.insert(memberships).values({ organisationId: org.id, userId: actor.id, role });
		// As the server would load them: with their role and their organisation's verification.
		return (await actorById(actor.id)) as Actor;
	};
	return {
		id: org.id,
		coordinator: await staff(`Coord ${name}`, 'coordinator'),
		operator: await staff(`Op ${name}`, 'operator'),
		volunteer: await staff(`Vol ${name}`, 'volunteer')
	};
}

async function need(author: Actor, fields: Record<string, unknown> = {}) {
	const { id } = await createNeed(
		author,
		createNeedSchema.parse({
			title: `Spesa ${crypto.randomUUID()}`,
			description: 'Pane, latte e frutta',
			category: 'food',
			allowDuplicate: true,
			...fields
		})
	);
	// The tests look at the need as its author sees it.
	return getNeed(author, id);
}

const ask = (reason = 'Seguiamo già questa persona ogni settimana', extra = {}) =>
	requestHandoverSchema.parse({ reason, ...extra });
const answer = (accept: boolean, note = '') => answerHandoverSchema.parse({ accept, note });

async function mailsTo(actor: Actor) {
	const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
	return db.select().from(outbox).where(eq(outbox.recipient, user.email));
}

const actions = async (author: Actor, needId: string) =>
	(await getNeedHistory(author, needId)).map((h) => h.action);

describe('handover between organisations', () => {
	it('asks the holder, who accepts: the same slot changes hands, everyone concerned is told', async () => {
		const caritas = await organisation('Caritas');
		const author = await person('Autrice');
		const holder = await person('Volontario');
		const posted = await need(author);
		const held = await claimNeed(holder, posted.id);

		const request = await requestHandover(
			caritas.operator,
			posted.id,
			ask(undefined, { organisationId: caritas.id })
		);
		expect(request).toMatchObject({
			status: 'pending',
			organisation: { id: caritas.id },
			requester: { id: caritas.operator.id },
			// The asker is outside the need's circle: the holder's name is not theirs to know.
			holder: null
		});
		expect(Date.parse(request.autoApproveAt) - Date.parse(request.createdAt)).toBe(36 * HOUR);
		// The holder is told, in the app and (by default) by e-mail, kept in the outbox.
		const [told] = await notified(holder, 'handover_requested');
		expect(told.data).toMatchObject({ needId: posted.id, who: 'Op Caritas' });
		const mails = await mailsTo(holder);
		expect(mails).toHaveLength(1);
		expect(mails[0].body).toContain(`/needs/${posted.id}`);
		expect((await pendingHandoversOf(holder)).map((h) => h.id)).toEqual([request.id]);

		// Nobody but the holder answers.
		expect(await codeOf(answerHandover(caritas.operator, request.id, answer(true)))).toBe(
			'forbidden'
		);
		expect(await codeOf(answerHandover(author, request.id, answer(true)))).toBe('not_found');

		const accepted = await answerHandover(holder, request.id, answer(true, 'Grazie, a voi'));
		expect(accepted).toMatchObject({ status: 'accepted', answerNote: 'Grazie, a voi' });
		const after = await getNeed(author, posted.id);
		expect(after.claimedCount).toBe(1);
		expect(after.claims.map((c) => c.userId)).toEqual([caritas.operator.id]);
		const [old] = await db.select().from(claims).where(eq(claims.id, held.id));
		expect(old).toMatchObject({ status: 'released', endReason: 'handed_over' });
		expect(await actions(author, posted.id)).toEqual(
			expect.arrayContaining(['handover_requested', 'handover_accepted'])
		);
		const [answered] = await notified(caritas.operator, 'handover_answered');
		expect(answered.data).toMatchObject({ needId: posted.id, answer: 'accepted' });
		// The author heard that someone new is on it; the holder heard nothing more.
		expect(await notified(author, 'claim_on_my_need', 2)).toHaveLength(2);
		expect(await notified(holder, 'handover_answered', 0)).toHaveLength(0);
		expect(await codeWithReason(answerHandover(holder, request.id, answer(false)))).toBe(
			'conflict:handover_answered'
		);
	});

	it('a refusal keeps the claim where it is; a second request waits for the first', async () => {
		const author = await person('Autore');
		const holder = await person('Tiene');
		const asker = await person('Chiede');
		const other = await person('Altro');
		const posted = await need(author);
		await claimNeed(holder, posted.id);
		const request = await requestHandover(asker, posted.id, ask());
		expect(await codeWithReason(requestHandover(other, posted.id, ask()))).toBe(
			'conflict:handover_pending'
		);
		expect(await codeOf(answerHandover(asker, request.id, answer(true)))).toBe('forbidden');
		expect(await answerHandover(holder, request.id, answer(false, 'La seguo io'))).toMatchObject({
			status: 'refused'
		});
		expect((await getNeed(author, posted.id)).claims.map((c) => c.userId)).toEqual([holder.id]);
		expect((await notified(asker, 'handover_answered'))[0].data.answer).toBe('refused');
		expect(await codeWithReason(answerHandover(holder, request.id, answer(true)))).toBe(
			'conflict:handover_answered'
		);
		expect(await actions(author, posted.id)).toContain('handover_refused');
		// Now that it is settled, someone else may ask.
		expect((await requestHandover(other, posted.id, ask())).status).toBe('pending');
	});

	it('refuses what makes no sense: a free slot, one’s own need or claim, a bad reason', async () => {
		const author = await person('Autrice2');
		const holder = await person('Tiene2');
		const posted = await need(author, { capacity: 2 });
		await claimNeed(holder, posted.id);
		expect(await codeWithReason(requestHandover(await person('X'), posted.id, ask()))).toBe(
			'conflict:part_has_room'
		);
		await claimNeed(await person('Secondo'), posted.id);
		expect(await codeOf(requestHandover(author, posted.id, ask()))).toBe('forbidden');
		expect(await codeWithReason(requestHandover(holder, posted.id, ask()))).toBe(
			'conflict:already_helping'
		);
		expect(requestHandoverSchema.safeParse({ reason: 'x' }).success).toBe(false);
		expect(requestHandoverSchema.safeParse({ reason: 'valid', claimId: 'nope' }).success).toBe(
			false
		);
		const stranger = await person('Estraneo');
		const orgOnly = await organisation('Chiusa');
		const hidden = await need(orgOnly.operator, {
			organisationId: orgOnly.id,
			visibility: 'organisation'
		});
		await claimNeed(orgOnly.volunteer, hidden.id);
		expect(await codeOf(requestHandover(stranger, hidden.id, ask()))).toBe('not_found');
		// An operator asks only for their own organisation.
		expect(
			await codeOf(
				requestHandover(stranger, posted.id, ask(undefined, { organisationId: orgOnly.id }))
			)
		).toBe('forbidden');
	});

	it('is never approved by the clock for someone outside the need’s rule, who cannot ask either', async () => {
		const org = await organisation('Fiducia');
		const posted = await need(org.operator, { organisationId: org.id, contact: 'via Po 1' });
		expect(posted.claimRule).toBe('trusted');
		await claimNeed(org.volunteer, posted.id);
		// Vouched for by the organisation: a trusted helper who may ask.
		const asker = await person('Garantito');
		await vouchFor(org.coordinator, asker.id, vouchSchema.parse({ organisationId: org.id }));
		await requestHandover((await actorById(asker.id))!, posted.id, ask());
		// The vouch is withdrawn before anyone answers: the clock does not hand the slot over.
		await withdrawVouch(org.coordinator, asker.id, org.id);
		advanceClock(37 * HOUR);
		await sweepHandovers();
		const [settled] = await listHandovers(org.coordinator, posted.id);
		expect(settled.status).toBe('lapsed');
		expect((await getNeed(org.coordinator, posted.id)).claims.map((c) => c.userId)).toEqual([
			org.volunteer.id
		]);
		// Nor can someone outside the rule ask in the first place.
		const stranger = await person('Sconosciuto');
		expect(await codeWithReason(requestHandover(stranger, posted.id, ask()))).toBe(
			'forbidden:not_trusted'
		);
	});

	it('is approved by itself after 36 hours without an answer, and both sides are told', async () => {
		const author = await person('Autore3');
		const holder = await person('Silenzioso');
		const asker = await person('Paziente');
		const posted = await need(author);
		await claimNeed(holder, posted.id);
		const request = await requestHandover(asker, posted.id, ask());
		advanceClock(35 * HOUR);
		await sweepHandovers();
		expect((await listHandovers(author, posted.id))[0].status).toBe('pending');
		advanceClock(HOUR + 60_000);
		await sweepHandovers();
		const [settled] = await listHandovers(author, posted.id);
		expect(settled).toMatchObject({ id: request.id, status: 'auto_approved' });
		expect((await getNeed(author, posted.id)).claims.map((c) => c.userId)).toEqual([asker.id]);
		expect((await notified(asker, 'handover_answered'))[0].data.answer).toBe('auto_approved');
		expect((await notified(holder, 'handover_answered'))[0].data.answer).toBe('auto_approved');
		expect(await actions(author, posted.id)).toContain('handover_auto_approved');
		// A second sweep finds nothing to do.
		expect(await sweepHandovers()).toBe(0);
	});

	it('lapses when the claim ended before the answer', async () => {
		const author = await person('Autore4');
		const holder = await person('Lascia');
		const asker = await person('Arriva');
		const posted = await need(author);
		await claimNeed(holder, posted.id);
		await requestHandover(asker, posted.id, ask());
		await releaseClaims(holder, posted.id, 'Non riesco più');
		advanceClock(37 * HOUR);
		await sweepHandovers();
		const [lapsed] = await listHandovers(author, posted.id);
		expect(lapsed.status).toBe('lapsed');
		expect((await getNeed(author, posted.id)).claimedCount).toBe(0);
		expect((await notified(asker, 'handover_answered'))[0].data.answer).toBe('lapsed');
	});

	it('lets exactly one of many simultaneous askers be pending for one claim', async () => {
		const author = await person('Autore5');
		const holder = await person('Conteso');
		const posted = await need(author);
		await claimNeed(holder, posted.id);
		const askers = await Promise.all(Array.from({ length: 12 }, (_, i) => person(`Asker${i}`)));
		const outcomes = await Promise.all(
			askers.map((a) => codeWithReason(requestHandover(a, posted.id, ask())))
		);
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
		expect(outcomes.filter((o) => o === 'conflict:handover_pending')).toHaveLength(11);
		expect(await listHandovers(author, posted.id)).toHaveLength(1);
	});
});

describe('handovers under concurrency', () => {
	it('an answer racing a release or another answer ends cleanly, never with a 5xx', async () => {
		const author = await person('AutoreGara');
		const rounds = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => {
				const holder = await person(`TieneGara${i}`);
				const asker = await person(`ChiedeGara${i}`);
				const posted = await need(author);
				await claimNeed(holder, posted.id);
				const request = await requestHandover(asker, posted.id, ask());
				return { holder, asker, posted, request };
			})
		);
		const outcomes = await Promise.all(
			rounds.flatMap(({ holder, posted, request }) => [
				codeWithReason(answerHandover(holder, request.id, answer(true))),
				codeWithReason(releaseClaims(holder, posted.id, 'Devo partire')),
				codeWithReason(sweepHandovers())
			])
		);
		// Every outcome is an answer the API can give (ok, or a clear conflict), none an error.
		for (const outcome of outcomes)
			expect(['ok', 'not_found', 'conflict:handover_answered']).toContain(outcome);
		for (const { posted, asker } of rounds) {
			const [settled] = await listHandovers(author, posted.id);
			const seen = await getNeed(author, posted.id);
			// Either the slot changed hands, or it was released first and the request lapsed.
			if (settled.status === 'accepted')
				expect(seen.claims.map((c) => c.userId)).toEqual([asker.id]);
			else {
				expect(settled.status).toBe('lapsed');
				expect(seen.claimedCount).toBe(0);
			}
		}
	});

	it('an answer racing claims, extensions, stale releases and sweeps on the same need never deadlocks', async () => {
		const org = await organisation('Gara');
		const rounds = await Promise.all(
			Array.from({ length: 6 }, async (_, i) => {
				const holder = await person(`TieneTutto${i}`);
				const asker = await person(`ChiedeTutto${i}`);
				// Open to anyone: the holder and the asker are people from outside.
				const posted = await need(org.operator, {
					organisationId: org.id,
					claimRule: 'anyone',
					parts: [
						{ title: 'Spesa', capacity: 1 },
						{ title: 'Telefonata', capacity: 1 }
					]
				});
				const held = await claimNeed(holder, posted.id, posted.parts[0].id);
				const request = await requestHandover(
					asker,
					posted.id,
					ask(undefined, { partId: posted.parts[0].id })
				);
				return { holder, asker, posted, held, request };
			})
		);
		// A month later: the claim is stale, and the request long due for approval.
		for (let day = 0; day < 31; day += 2) {
			advanceClock(2 * DAY);
			await Promise.all(rounds.map((r) => extendClaim(r.holder, r.posted.id, r.held.id)));
		}
		const outcomes = await Promise.all(
			rounds.flatMap(({ holder, asker, posted, held, request }) => [
				codeWithReason(answerHandover(holder, request.id, answer(true))),
				codeWithReason(claimNeed(asker, posted.id, posted.parts[1].id)),
				codeWithReason(extendClaim(holder, posted.id, held.id)),
				codeWithReason(releaseStaleClaim(org.coordinator, posted.id, held.id)),
				codeWithReason(sweepHandovers()),
				codeWithReason(remindExpiringClaims())
			])
		);
		// Whatever the order, each call ends as an answer the API can give: never a deadlock.
		for (const outcome of outcomes)
			expect(['ok', 'not_found', 'conflict:handover_answered']).toContain(outcome);
		for (const { posted } of rounds) {
			const seen = await getNeed(org.operator, posted.id);
			expect(seen.parts[0].claimedCount).toBeLessThanOrEqual(1);
		}
	});

	it('one person asks for one slot of a part at a time', async () => {
		const author = await person('AutoreDue');
		const posted = await need(author, { capacity: 2 });
		await claimNeed(await person('PrimoDue'), posted.id);
		await claimNeed(await person('SecondoDue'), posted.id);
		const asker = await person('ChiedeDue');
		await requestHandover(asker, posted.id, ask());
		expect(await codeWithReason(requestHandover(asker, posted.id, ask()))).toBe(
			'conflict:handover_pending'
		);
	});
});

describe('stale claims and reminders', () => {
	it('a coordinator frees a claim untouched for 30 days, not one with recent activity', async () => {
		const org = await organisation('Comune');
		const holder = await person('Dimenticato');
		const posted = await need(org.operator, { organisationId: org.id, claimRule: 'anyone' });
		const held = await claimNeed(holder, posted.id);
		const release = (actor: Actor) =>
			codeWithReason(releaseStaleClaim(actor, posted.id, held.id, 'Nessuna notizia'));
		expect(await release(org.coordinator)).toBe('conflict:claim_not_stale');
		// The holder keeps extending by a click, which is not activity for the person.
		for (let day = 0; day < 31; day += 2) {
			advanceClock(2 * DAY);
			await extendClaim(holder, posted.id, held.id);
		}
		for (const [who, code] of [
			[org.volunteer, 'forbidden'],
			[org.operator, 'forbidden'],
			[holder, 'forbidden']
		] as const)
			expect(await release(who), who.name).toBe(code);
		expect(await release(org.coordinator)).toBe('ok');
		expect((await getNeed(org.operator, posted.id)).claimedCount).toBe(0);
		expect(await actions(org.operator, posted.id)).toContain('stale_released');
		expect(await notified(holder, 'stale_claim_released')).toHaveLength(1);
		expect(await release(org.coordinator)).toBe('not_found');
	});

	it('a logged contact counts as activity', async () => {
		const org = await organisation('Asl');
		const holder = await person('Attivo');
		const posted = await need(org.operator, { organisationId: org.id, claimRule: 'anyone' });
		const held = await claimNeed(holder, posted.id);
		for (let day = 0; day < 30; day += 2) {
			advanceClock(2 * DAY);
			await extendClaim(holder, posted.id, held.id);
		}
		await logContact(
			holder,
			posted.id,
			logContactSchema.parse({ means: 'call', result: 'reached' })
		);
		advanceClock(2 * DAY);
		await extendClaim(holder, posted.id, held.id);
		expect(await codeWithReason(releaseStaleClaim(org.coordinator, posted.id, held.id))).toBe(
			'conflict:claim_not_stale'
		);
	});

	it('reminds the holder once, 12 hours before the claim ends, and again after an extension', async () => {
		const author = await person('Autore6');
		const holder = await person('Promemoria');
		const posted = await need(author);
		const held = await claimNeed(holder, posted.id);
		const mine = async (atLeast = 1) =>
			(await notified(holder, 'claim_expiring', atLeast)).filter(
				(n) => n.data.needId === posted.id
			);
		advanceClock(59 * HOUR);
		await remindExpiringClaims();
		expect(
			await db
				.select()
				.from(claims)
				.where(and(eq(claims.id, held.id), eq(claims.remindedFor, new Date(held.expiresAt))))
		).toHaveLength(0);
		advanceClock(2 * HOUR);
		await remindExpiringClaims();
		await remindExpiringClaims();
		expect(await mine()).toHaveLength(1);
		// Expiring claims are important: they reach the inbox by default.
		expect((await mailsTo(holder)).map((m) => m.subject)).toEqual([
			expect.stringContaining(posted.title)
		]);
		await extendClaim(holder, posted.id, held.id);
		advanceClock(61 * HOUR);
		await remindExpiringClaims();
		expect(await mine(2)).toHaveLength(2);
	});
});

describe('e-mail choices', () => {
	it('each person chooses which notifications also come by e-mail', async () => {
		const author = await person('Autore7');
		const holder = await person('Scelta');
		expect(await emailChoicesOf(holder)).toEqual(['handover_requested', 'claim_expiring']);
		expect(emailChoicesSchema.safeParse({ kinds: ['bogus'] }).success).toBe(false);
		// The API wants the whole list: a missing one never clears every choice by accident.
		expect(emailChoicesSchema.safeParse({}).success).toBe(false);
		expect(emailChoicesSchema.parse({ kinds: [] })).toEqual({ kinds: [] });
		// A form sends one value per ticked box, or none.
		expect(emailChoicesFormSchema.parse({ kinds: 'mention' })).toEqual({ kinds: ['mention'] });
		expect(emailChoicesFormSchema.parse({})).toEqual({ kinds: [] });
		await chooseEmailNotifications(holder, []);
		const posted = await need(author);
		await claimNeed(holder, posted.id);
		await requestHandover(await person('Chiede7'), posted.id, ask());
		expect(await notified(holder, 'handover_requested')).toHaveLength(1);
		expect(await mailsTo(holder)).toHaveLength(0);
		// The author chose to hear about claims by e-mail too.
		await chooseEmailNotifications(author, ['claim_on_my_need', 'claim_on_my_need']);
		expect(await emailChoicesOf(author)).toEqual(['claim_on_my_need']);
		const second = await need(author);
		await claimNeed(await person('Aiuta7'), second.id);
		await notified(author, 'claim_on_my_need', 2);
		expect(await mailsTo(author)).toHaveLength(1);
	});
});

describe('duplicates after the fact', () => {
	it('a coordinator marks a duplicate: its people are invited to the original, both histories record it', async () => {
		const org = await organisation('Emporio');
		const original = await need(org.operator, { organisationId: org.id });
		const resident = await person('Residente');
		const copy = await need(resident);
		const helper = await person('Aiuta');
		await claimNeed(helper, copy.id);
		const markAsDuplicate = (actor: Actor) =>
			codeOf(
				completeNeed(
					actor,
					copy.id,
					completeNeedSchema.parse({ outcome: 'duplicate', duplicateOf: original.id })
				)
			);
		// A helper may report a need done, not move everyone elsewhere.
		expect(await markAsDuplicate(helper)).toBe('forbidden');
		expect(await markAsDuplicate(resident)).toBe('ok');
		const closed = await getNeed(resident, copy.id);
		expect(closed).toMatchObject({
			status: 'closed',
			outcome: 'duplicate',
			duplicateOfId: original.id
		});
		const [ended] = await db.select().from(claims).where(eq(claims.needId, copy.id));
		expect(ended).toMatchObject({ status: 'released', endReason: 'duplicate' });
		// The helper is told and invited, not moved: they hold nothing on the original.
		const [invite] = await notified(helper, 'duplicate_marked');
		expect(invite.data).toMatchObject({ originalId: original.id, title: original.title });
		expect((await getNeed(org.operator, original.id)).claimedCount).toBe(0);
		expect(await actions(resident, copy.id)).toContain('marked_duplicate');
		expect(await actions(org.operator, original.id)).toContain('duplicate_attached');
	});

	it('refuses a need as its own original, or a closed original', async () => {
		const author = await person('AutoreDoppio');
		const posted = await need(author);
		const closed = await need(author);
		await completeNeed(author, closed.id, completeNeedSchema.parse({ outcome: 'done' }));
		const mark = (duplicateOf: string) =>
			completeNeed(
				author,
				posted.id,
				completeNeedSchema.parse({ outcome: 'duplicate', duplicateOf })
			).catch((e) => e.details?.fields?.duplicateOf);
		// A pasted address, in capitals, of the need itself.
		expect(await mark(`https://rete.example/needs/${posted.id.toUpperCase()}`)).toBe('v_invalid');
		expect(await mark(closed.id)).toBe('v_original_closed');
		expect((await getNeed(author, posted.id)).status).toBe('open');
	});

	it('tells someone who may not see an organisation-only original only that their request closed', async () => {
		const org = await organisation('Riservata');
		const hidden = await need(org.coordinator, {
			organisationId: org.id,
			visibility: 'organisation',
			title: `Segreto ${crypto.randomUUID()}`
		});
		// The copy is open to anyone, so a helper from outside holds it.
		const copy = await need(org.operator, { organisationId: org.id, claimRule: 'anyone' });
		const outsider = await person('AiutoEsterno');
		await claimNeed(outsider, copy.id);
		await completeNeed(
			org.coordinator,
			copy.id,
			completeNeedSchema.parse({ outcome: 'duplicate', duplicateOf: hidden.id })
		);
		const [told] = await notified(outsider, 'duplicate_marked');
		expect(told.data).toEqual({ needId: copy.id, title: copy.title });
		// The copy's history keeps the original's id, never its title.
		expect(JSON.stringify(await getNeedHistory(org.operator, copy.id))).not.toContain(hidden.title);
	});
});
