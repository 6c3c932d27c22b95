import { inArray } from 'drizzle-orm';
import { requireVerified, type Actor } from '../auth/actor';
import { consume } from '../auth/rate-limit';
import { opaqueKey } from '../auth/tokens';
import { config } from '../config';
import { db } from '../db/client';
import { users } from '../db/schema';
import { DomainError } from '../errors';

/**
 * People named by e-mail in a form (one per line, or separated by commas), as ids. Looking
 * addresses up tells whether they have an account, so only a verified person may, and every
 * address counts against their hourly allowance (no sweeping a list). An address nobody uses
 * is one message on `field`, naming none of them.
 */
export async function peopleByEmail(
	actor: Actor | null,
	text: string,
	field: string
): Promise<string[]> {
	requireVerified(actor);
	const emails = [
		...new Set(
			text
				.split(/[\s,;]+/)
				.map((e) => e.trim().toLowerCase())
				.filter(Boolean)
		)
	];
	if (!emails.length) return [];
	if (emails.length > 100)
		throw new DomainError('invalid_input', { fields: { [field]: 'v_invalid' } });
	await consume(
		opaqueKey('email-lookup:user', actor.id),
		config().rateLimits.emailLookupPerUser,
		emails.length
	);
	const found = await db
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(users.email, emails));
	if (found.length !== emails.length)
		throw new DomainError('invalid_input', { fields: { [field]: 'v_no_such_account' } });
	return found.map((p) => p.id);
}
