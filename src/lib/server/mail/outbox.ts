import { config } from '../config';
import { type Executor } from '../db/client';
import { outbox } from '../db/schema';
import { log } from '../log';

export interface Mail {
	to: string;
	subject: string;
	body: string;
	/** The one link the mail is about (it is in the body too); a secret, never logged. */
	link?: string;
}

/**
 * Queues a mail in the same transaction as what it announces. Without SMTP_URL the mail stays in
 * the outbox, where the network's administrators read it, link included (administration's
 * outbox page): links open accounts and organisations, so they never go to the log.
 */
export async function queueMail(tx: Executor, mail: Mail) {
	const [row] = await tx
		.insert(outbox)
		.values({ recipient: mail.to, subject: mail.subject, body: mail.body })
		.returning({ id: outbox.id });
	if (!config().smtpUrl) {
		// The recipient and the subject (a need's title, a person's name) are personal data, and the
		// link is a secret: only the row's id is logged.
		log.info('mail kept in the outbox (no SMTP_URL): administrators read it there', {
			outboxId: row.id
		});
	}
	return row.id;
}
