import { eq } from 'drizzle-orm';
import { requireVerified, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { identities } from '../db/schema';
import { DomainError } from '../errors';
import { keyedHash } from '../secrets';

/** A codice fiscale as ballots know it: a keyed hash with the identities' own secret. */
export const identityHash = (codiceFiscale: string) => keyedHash('identity', codiceFiscale);

/**
 * Ties the person's account to their codice fiscale, kept only as its keyed hash; one account
 * per person (409 `identity_taken`), and once tied it stays (409 `identity_already_tied` for
 * another code), so nobody votes twice by changing it. Tying the same code again changes nothing.
 */
export async function tieIdentity(actor: Actor | null, codiceFiscale: string) {
	requireVerified(actor);
	const hash = identityHash(codiceFiscale);
	const [own] = await db.select().from(identities).where(eq(identities.userId, actor.id));
	if (own) {
		if (own.identityHash !== hash)
			throw new DomainError('conflict', { extra: { reason: 'identity_already_tied' } });
		return { tied: true, tiedAt: own.tiedAt.toISOString() };
	}
	try {
		const [row] = await db
			.insert(identities)
			.values({ userId: actor.id, identityHash: hash })
			.returning();
		return { tied: true, tiedAt: row.tiedAt.toISOString() };
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		// The same code tied at the same moment from this account is the same tie.
		const [mine] = await db.select().from(identities).where(eq(identities.userId, actor.id));
		if (mine?.identityHash === hash) return { tied: true, tiedAt: mine.tiedAt.toISOString() };
		throw new DomainError('conflict', { extra: { reason: 'identity_taken' } });
	}
}

/** Whether the person tied their account to a codice fiscale (never the code: it is not kept). */
export async function identityOf(actor: Actor | null) {
	requireVerified(actor);
	const [own] = await db
		.select({ tiedAt: identities.tiedAt })
		.from(identities)
		.where(eq(identities.userId, actor.id));
	return { tied: Boolean(own), tiedAt: own?.tiedAt.toISOString() ?? null };
}
