import { eq, sql } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { network, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import { consume, refund, resetLimit } from './rate-limit';
import { createSession, invalidateOtherSessions, toPublicUser } from './sessions';
import { opaqueKey } from './tokens';
import type {
	ChangePasswordInput,
	LoginInput,
	ProfileInput,
	SetupInput,
	SignupInput
} from '$lib/shared/schemas/accounts';
import type { PublicUser } from '$lib/shared/user';

/** Who is asking, as far as limits and the session list care. */
export interface RequestOrigin {
	ip: string;
	device?: string;
}

export interface SignedIn {
	user: PublicUser;
	token: string;
	sessionId: string;
	expiresAt: Date;
}

const DEFAULT_NETWORK_NAME = 'Rete';

/**
 * Creates an account and signs it in. The first account of an empty network founds it and
 * becomes its administrator: whoever inserts the single network row wins, under any race.
 * With `networkName` (the set-up page) founding is required: if the network exists already,
 * nothing is created.
 */
async function createAccount(
	input: SignupInput,
	from: RequestOrigin,
	networkName?: string
): Promise<SignedIn> {
	const rules = config().rateLimits;
	await consume(opaqueKey('signup:ip', from.ip), rules.signupPerIp);
	const passwordHash = await hashPassword(input.password);
	let user: typeof users.$inferSelect;
	try {
		user = await db.transaction(async (tx) => {
			const [created] = await tx
				.insert(users)
				.values({
					email: input.email,
					name: input.name,
					locale: input.locale ?? 'it',
					passwordHash
				})
				.returning();
			const founded = await tx
				.insert(network)
				.values({ id: 1, name: networkName ?? DEFAULT_NETWORK_NAME, foundedBy: created.id })
				.onConflictDoNothing()
				.returning({ id: network.id });
			if (founded.length === 0) {
				if (networkName) throw new DomainError('conflict');
				return created;
			}
			const [admin] = await tx
				.update(users)
				.set({ isAdmin: true })
				.where(eq(users.id, created.id))
				.returning();
			return admin;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('email_taken');
		throw error;
	}
	const { token, session } = await createSession(user.id, from.device);
	return { user: toPublicUser(user), token, sessionId: session.id, expiresAt: session.expiresAt };
}

export function signup(input: SignupInput, from: RequestOrigin) {
	return createAccount(input, from);
}

/** The set-up page: names the network and creates its first administrator, once. */
export function setUpNetwork(input: SetupInput, from: RequestOrigin) {
	return createAccount(input, from, input.networkName);
}

/**
 * Signs a person in. Unknown e-mail and wrong password take as long and answer the same. Every
 * attempt is counted before the password is checked (so a burst of parallel guesses cannot
 * outrun the limit), per account and per address; a right password clears the account's count
 * and gives the address its attempt back.
 */
export async function login(input: LoginInput, from: RequestOrigin): Promise<SignedIn> {
	const rules = config().rateLimits;
	const accountKey = opaqueKey('login:account', input.email);
	const ipKey = opaqueKey('login:ip', from.ip);
	await consume(accountKey, rules.loginPerAccount);
	await consume(ipKey, rules.loginPerIp);

	const [row] = await db.select().from(users).where(eq(users.email, input.email));
	const ok = row
		? await verifyPassword(row.passwordHash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!row || !ok) throw new DomainError('unauthenticated');
	await resetLimit(accountKey);
	await refund(ipKey);
	const { token, session } = await createSession(row.id, from.device);
	return { user: toPublicUser(row), token, sessionId: session.id, expiresAt: session.expiresAt };
}

/**
 * Checks a signed-in person's current password, counted like a login attempt: changing the
 * password or the e-mail needs it, so a borrowed session cannot take the account over.
 */
async function confirmPassword(row: typeof users.$inferSelect, password: string | undefined) {
	const accountKey = opaqueKey('login:account', row.email);
	await consume(accountKey, config().rateLimits.loginPerAccount);
	if (!password || !(await verifyPassword(row.passwordHash, password))) {
		throw new DomainError('invalid_input', {
			fields: { currentPassword: password ? 'v_password_wrong' : 'v_password_needed' }
		});
	}
	await resetLimit(accountKey);
}

/** Name, language and e-mail; a new e-mail needs the current password. */
export async function updateProfile(userId: string, input: ProfileInput): Promise<PublicUser> {
	const [current] = await db.select().from(users).where(eq(users.id, userId));
	if (!current) throw new DomainError('not_found');
	if (current.email !== input.email) await confirmPassword(current, input.currentPassword);
	try {
		const [row] = await db
			.update(users)
			.set({ name: input.name, email: input.email, locale: input.locale, updatedAt: sql`now()` })
			.where(eq(users.id, userId))
			.returning();
		if (!row) throw new DomainError('not_found');
		publish('user.updated', { userId });
		return toPublicUser(row);
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('email_taken', { fields: { email: 'v_email_taken' } });
		throw error;
	}
}

export async function setLocale(userId: string, locale: 'it' | 'en') {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
	publish('user.updated', { userId });
}

/**
 * Changes the password after checking the current one, and signs out every other session:
 * whoever knew the old password is out.
 */
export async function changePassword(
	userId: string,
	sessionId: string,
	input: ChangePasswordInput
) {
	const [row] = await db.select().from(users).where(eq(users.id, userId));
	if (!row) throw new DomainError('not_found');
	await confirmPassword(row, input.currentPassword);
	const passwordHash = await hashPassword(input.newPassword);
	await db
		.update(users)
		.set({ passwordHash, updatedAt: sql`now()` })
		.where(eq(users.id, userId));
	await invalidateOtherSessions(userId, sessionId);
}
