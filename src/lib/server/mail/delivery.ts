import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config';
import { db } from '../db/client';
import { outbox } from '../db/schema';
import { log } from '../log';

const BATCH = 20;
const MAX_ATTEMPTS = 5;

let transport: Transporter | undefined;
let running: Promise<number> | undefined;

/**
 * Sends what waits in the outbox through SMTP_URL. Each mail is claimed by a conditional update
 * before sending, so two nodes never send the same mail; a failure gives it back (up to five
 * attempts) with the error kept for the administrators. Returns how many were sent.
 */
export function deliverPendingMail(): Promise<number> {
	const { smtpUrl } = config();
	if (!smtpUrl) return Promise.resolve(0);
	// One delivery run at a time per process; callers share the run in progress.
	running ??= deliver(smtpUrl).finally(() => (running = undefined));
	return running;
}

async function deliver(smtpUrl: string): Promise<number> {
	transport ??= nodemailer.createTransport(smtpUrl);
	const waiting = await db
		.select({ id: outbox.id })
		.from(outbox)
		.where(and(isNull(outbox.sentAt), or(isNull(outbox.error), lt(outbox.attempts, MAX_ATTEMPTS))))
		.orderBy(asc(outbox.createdAt))
		.limit(BATCH);
	let sent = 0;
	for (const { id } of waiting) {
		const [mail] = await db
			.update(outbox)
			.set({ sentAt: sql`now()`, attempts: sql`${outbox.attempts} + 1` })
			.where(and(eq(outbox.id, id), isNull(outbox.sentAt)))
			.returning();
		if (!mail) continue; // another node took it
		try {
			await transport.sendMail({
				from: config().mailFrom,
				to: mail.recipient,
				subject: mail.subject,
				text: mail.body
			});
			await db.update(outbox).set({ error: null }).where(eq(outbox.id, id));
			sent++;
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			await db
				.update(outbox)
				.set({ sentAt: null, error: message.slice(0, 500) })
				.where(eq(outbox.id, id));
			log.warn('mail delivery failed', { outboxId: id, attempt: mail.attempts, error: message });
		}
	}
	return sent;
}

export function closeMailTransport() {
	transport?.close();
	transport = undefined;
}
