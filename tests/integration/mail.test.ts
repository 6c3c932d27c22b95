// Mail through a real SMTP server (smtp-server, on loopback): invitations are delivered once,
// failures are retried, and nothing is logged that should not be.
import { testActor } from '../helpers/actors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { actorById, type Actor } from '../../src/lib/server/auth/actor';
import { signup } from '../../src/lib/server/auth/service';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db/client';
import { organisations, outbox } from '../../src/lib/server/db/schema';
import { closeMailTransport, deliverPendingMail } from '../../src/lib/server/mail/delivery';
import { claimNeed } from '../../src/lib/server/needs/claims';
import { requestHandover } from '../../src/lib/server/needs/handovers';
import { createNeed } from '../../src/lib/server/needs/service';
import { startNotifications } from '../../src/lib/server/notifications/subscriptions';
import { invite } from '../../src/lib/server/orgs/invitations';
import { requestHandoverSchema } from '../../src/lib/shared/schemas/handovers';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';
import { createOrganisation } from '../../src/lib/server/orgs/service';
import { useTestDatabase } from '../helpers/in-process';
import { freePort, goodPassword, uniqueEmail } from '../helpers/server';

const received: { to: string[]; data: string }[] = [];
let smtp: SMTPServer;
let refuse = false;
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let coordinator: Actor;
let organisationId: string;

beforeAll(async () => {
	const port = await freePort();
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			let data = '';
			stream.on('data', (chunk) => (data += chunk));
			stream.on('end', () => {
				if (refuse) return callback(new Error('mailbox unavailable'));
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
	database = await useTestDatabase({
		RATE_LIMIT_DISABLED: '1',
		SMTP_URL: `smtp://127.0.0.1:${port}`,
		LOG_LEVEL: 'silent'
	});
	expect(config().smtpUrl).toBe(`smtp://127.0.0.1:${port}`);
	const c = await signup(
		{ email: uniqueEmail(), password: goodPassword, name: 'Carla' },
		{ ip: 'x' }
	);
	coordinator = testActor(c.user.id, { isAdmin: false });
	const org = await createOrganisation(coordinator, {
		name: 'Associazione Mail',
		kind: 'ngo',
		description: '',
		contactEmail: '',
		contactPhone: '',
		website: '',
		territoryIds: []
	});
	organisationId = org.id;
	// Verified, as the administrators would: its needs may be open to helpers from outside.
	await db.update(organisations).set({ status: 'verified' }).where(eq(organisations.id, org.id));
	coordinator = (await actorById(c.user.id)) as Actor;
});

afterAll(async () => {
	closeMailTransport();
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
	await database.close();
});

describe('mail delivery with SMTP_URL', () => {
	it('sends an invitation once, with its link, and marks it sent', async () => {
		await invite(coordinator, organisationId, {
			email: 'nuova.operatrice@example.org',
			role: 'operator'
		});
		expect(await deliverPendingMail()).toBe(1);
		expect(received).toHaveLength(1);
		expect(received[0].to).toEqual(['nuova.operatrice@example.org']);
		expect(received[0].data).toContain('Associazione Mail');
		expect(received[0].data).toMatch(/\/invitations\/[a-z2-7]{32}/);
		const [row] = await db.select().from(outbox);
		expect(row.sentAt).not.toBeNull();
		expect(row.error).toBeNull();
		// Nothing left to send: a second run sends nothing.
		expect(await deliverPendingMail()).toBe(0);
		expect(received).toHaveLength(1);
	});

	it('gives a refused mail back for a later attempt, keeping the error', async () => {
		refuse = true;
		await invite(coordinator, organisationId, {
			email: 'rifiutata@example.org',
			role: 'volunteer'
		});
		expect(await deliverPendingMail()).toBe(0);
		const [row] = await db
			.select()
			.from(outbox)
			.where(eq(outbox.recipient, 'rifiutata@example.org'));
		expect(row.sentAt).toBeNull();
		expect(row.attempts).toBe(1);
		expect(row.error).toMatch(/mailbox unavailable/);
		refuse = false;
		expect(await deliverPendingMail()).toBe(1);
		expect(received.at(-1)!.to).toEqual(['rifiutata@example.org']);
	});

	it('e-mails a handover request to its holder, in their language, with the link and where to opt out', async () => {
		const email = uniqueEmail('holder');
		const holder = await signup(
			{ email, password: goodPassword, name: 'Holder', locale: 'en' },
			{ ip: 'x' }
		);
		const holderActor: Actor = testActor(holder.user.id, { isAdmin: false });
		const need = await createNeed(
			coordinator,
			createNeedSchema.parse({
				title: 'Lift to the clinic',
				description: 'Tuesday at nine',
				category: 'transport',
				organisationId,
				claimRule: 'anyone',
				allowDuplicate: true
			})
		);
		await claimNeed(holderActor, need.id);
		const asker = await signup(
			{ email: uniqueEmail('asker'), password: goodPassword, name: 'Dario' },
			{ ip: 'x' }
		);
		const stop = startNotifications();
		try {
			await requestHandover(
				testActor(asker.user.id, { isAdmin: false }),
				need.id,
				requestHandoverSchema.parse({ reason: 'We drive her every week already' })
			);
			// The notification (and its mail) is written just after the request's answer.
			for (let i = 0; i < 100; i++) {
				const queued = await db.select().from(outbox).where(eq(outbox.recipient, email));
				if (queued.length) break;
				await new Promise((r) => setTimeout(r, 20));
			}
			expect(await deliverPendingMail()).toBe(1);
		} finally {
			stop();
		}
		const mail = received.at(-1)!;
		expect(mail.to).toEqual([email]);
		// The body is quoted-printable: its soft line breaks are joined before reading it.
		const body = mail.data.replace(/=\r?\n/g, '');
		expect(body).toContain('Dario asks to take over');
		expect(body).toContain(`/needs/${need.id}`);
		expect(body).toContain('/notifications/settings');
	});
});
