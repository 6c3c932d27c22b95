import { inArray } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import { DomainError } from '../errors';

/**
 * People named by e-mail in a form (one per line, or separated by commas), as ids. An address
 * nobody uses is a field message on `field`.
 */
export async function peopleByEmail(text: string, field: string): Promise<string[]> {
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
	const found = await db
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(users.email, emails));
	if (found.length !== emails.length)
		throw new DomainError('invalid_input', { fields: { [field]: 'v_no_such_account' } });
	return found.map((p) => p.id);
}
