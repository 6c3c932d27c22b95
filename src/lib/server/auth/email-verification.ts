import { and, eq, gt, isNull } from 'drizzle-orm';
import { DAY, now } from '../clock';
import { config } from '../config';
import { db, type Executor } from '../db/client';
import { emailVerifications, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { translate } from '../i18n/translate';
import { queueMail } from '../mail/outbox';
import { consume } from './rate-limit';
import { toPublicUser } from './sessions';
import { generateToken, hashToken, opaqueKey } from './tokens';
import { verificationRequired, type Actor } from './actor';
import type { PublicUser } from '$lib/shared/user';

const LINK_DAYS = 1;

/**
 * Sends a link proving `email` is the person's: only the token's hash is kept, valid for a day,
 * queued in the caller's transaction with what made it necessary (a signup, a new address).
 * Returns whether a mail was queued (nothing is, with EMAIL_VERIFICATION=off).
 */
export async function queueVerification(
	tx: Executor,
	user: { id: string; email: string; locale: 'it' | 'en' }
): Promise<boolean> {
	if (!verificationRequired()) return false;
	const token = generateToken();
	const link = `${config().origin}/verify-email/${token}`;
	await tx.insert(emailVerifications).values({
		userId: user.id,
		email: user.email,
		tokenHash: hashToken(token),
		expiresAt: new Date(now().getTime() + LINK_DAYS * DAY)
	});
	await queueMail(tx, {
		to: user.email,
		subject: translate('verify_mail_subject', user.locale),
		body: translate('verify_mail_body', user.locale, { link }),
		link
	});
	return true;
}

/**
 * Using the link: the account's address is verified if it is still the one the link was sent
 * to. Holding the link is the proof, so no session is needed (it may be opened on a phone).
 * Each link works once; an unknown one is 404, an expired, used or outdated one 400.
 */
export async function verifyEmail(token: string): Promise<PublicUser> {
	const tokenHash = hashToken(token);
	const verified = await db.transaction(async (tx) => {
		const [link] = await tx
			.update(emailVerifications)
			.set({ usedAt: now() })
			.where(
				and(
					eq(emailVerifications.tokenHash, tokenHash),
					isNull(emailVerifications.usedAt),
					gt(emailVerifications.expiresAt, now())
				)
			)
			.returning();
		if (!link) return null;
		const [user] = await tx
			.update(users)
			.set({ emailVerifiedAt: now() })
			.where(and(eq(users.id, link.userId), eq(users.email, link.email)))
			.returning();
		// The address changed since: the link proves an address the account no longer has.
		if (!user) throw refusal('verification_outdated');
		return user;
	});
	if (!verified) {
		const [link] = await db
			.select()
			.from(emailVerifications)
			.where(eq(emailVerifications.tokenHash, tokenHash));
		if (!link) throw new DomainError('not_found', { extra: { reason: 'verification_unknown' } });
		throw refusal(link.usedAt ? 'verification_used' : 'verification_expired');
	}
	publish('user.updated', { userId: verified.id });
	return toPublicUser(verified);
}

function refusal(reason: string) {
	return new DomainError('invalid_input', { extra: { reason } });
}

/** "Send the link again", for a signed-in person whose address is not verified yet; limited. */
export async function resendVerification(actor: Actor | null): Promise<{ email: string }> {
	if (!actor) throw new DomainError('unauthenticated');
	const [user] = await db.select().from(users).where(eq(users.id, actor.id));
	if (!user) throw new DomainError('unauthenticated');
	if (user.emailVerifiedAt || !verificationRequired())
		throw new DomainError('conflict', { extra: { reason: 'already_verified' } });
	await consume(opaqueKey('verify:user', actor.id), config().rateLimits.verifyMailPerUser);
	await db.transaction((tx) => queueVerification(tx, user));
	publish('mail.queued', {});
	return { email: user.email };
}
