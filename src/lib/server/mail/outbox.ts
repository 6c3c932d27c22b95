import { config } from '../config';
import { type Executor } from '../db/client';
import { outbox } from '../db/schema';
import { log } from '../log';

export interface Mail {
	to: string;
	subject: string;
	body: string;
	/** The one link the mail is about (it carries a token: never logged). */
	link?: string;
}

/**
 * Queues a mail in the same transaction as what it announces. Without SMTP_URL the mail stays in
 * the outbox, where administrators read it (links included), so invitations still work on a
 * machine without mail.
 */
export async function queueMail(tx: Executor, mail: Mail) {
	const [row] = await tx
		.insert(outbox)
		.values({ recipient: mail.to, subject: mail.subject, body: mail.body })
		.returning({ id: outbox.id });
	if (!config().smtpUrl) {
		// The recipient and the subject (a need's title, a person's name) are personal data, and the
		// link carries a token that lets whoever reads it in: all stay out of the log.
		log.info('mail kept in the outbox (no SMTP_URL)', { outboxId: row.id });
	}
	return row.id;
}
