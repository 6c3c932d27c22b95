import { eq, sql } from 'drizzle-orm';
import { now } from '../clock';
import { config } from '../config';
import { db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { network, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { queueVerification } from './email-verification';
import { isKnownDevice, passGate, rememberDevice } from './login-throttle';
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
	/** The client's known-device token (cookie `rete_device` or header `X-Rete-Device`). */
	deviceToken?: string;
}

export interface SignedIn {
	user: PublicUser;
	token: string;
	sessionId: string;
	expiresAt: Date;
	/** The client's known-device token, to keep (a cookie for browsers, in the answer for the API). */
	deviceToken: string;
}

interface Founding {
	/** The set-up page: founding is required. */
	networkName?: string;
	/** The sample network's people: their addresses are taken as proved, and no mail is sent. */
	verified?: boolean;
}

const DEFAULT_NETWORK_NAME = 'Rete';
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Creates an account and signs it in. The first account of an empty network founds it and
 * becomes its administrator: whoever inserts the single network row wins, under any race.
 * With `networkName` (the set-up page) founding is required: if the network exists already,
 * nothing is created.
 */
async function createAccount(
	input: SignupInput,
	from: RequestOrigin,
	{ networkName, verified = false }: Founding = {}
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
					passwordHash,
					emailVerifiedAt: verified ? now() : null
				})
				.returning();
			const founded = await tx
				.insert(network)
				.values({ id: 1, name: networkName ?? DEFAULT_NETWORK_NAME, foundedBy: created.id })
				.onConflictDoNothing()
				.returning({ id: network.id });
			if (founded.length === 0) {
				if (networkName) throw new DomainError('conflict');
				if (!verified) await queueVerification(tx, created);
				return created;
			}
			// The founder is the person at the console of a new network: nobody to prove it to.
			const [admin] = await tx
				.update(users)
				.set({ isAdmin: true, emailVerifiedAt: created.emailVerifiedAt ?? now() })
				.where(eq(users.id, created.id))
				.returning();
			return admin;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('email_taken');
		throw error;
	}
	if (!user.emailVerifiedAt) publish('mail.queued', {});
	return startSession(user, from);
}

async function startSession(user: typeof users.$inferSelect, from: RequestOrigin) {
	const { token, session } = await createSession(user.id, from.device);
	const deviceToken = await rememberDevice(from.deviceToken, user.id);
	return {
		user: toPublicUser(user),
		token,
		sessionId: session.id,
		expiresAt: session.expiresAt,
		deviceToken
	};
}

export function signup(input: SignupInput, from: RequestOrigin, options?: { verified?: boolean }) {
	return createAccount(input, from, options);
}

/** The set-up page: names the network and creates its first administrator, once. */
export function setUpNetwork(input: SetupInput, from: RequestOrigin) {
	return createAccount(input, from, { networkName: input.networkName });
}

/**
 * Signs a person in. Unknown e-mail and wrong password take as long and answer the same. Every
 * attempt passes two gates of growing delays before the password is checked (so a burst of
 * parallel guesses cannot outrun them): the client's address, and the account, or instead of the
 * account, for a client that signed in to it before, that device's own (docs/decisions/0005):
 * an attacker hammering an account does not lock its owner out. A right password clears the
 * account's (or device's) count and gives the address its attempt back.
 */
export async function login(input: LoginInput, from: RequestOrigin): Promise<SignedIn> {
	const rules = config().rateLimits;
	const [row] = await db.select().from(users).where(eq(users.email, input.email));
	// Asked for unknown addresses too, so that the answer takes as long.
	const known = (await isKnownDevice(from.deviceToken, row?.id ?? NOBODY)) && row !== undefined;
	const ipKey = opaqueKey('login:ip', from.ip);
	const accountKey = known
		? opaqueKey('login:device', from.deviceToken!, row!.id)
		: opaqueKey('login:account', input.email);
	await passGate(ipKey, rules.loginPerIp);
	try {
		await passGate(accountKey, rules.loginPerAccount);
	} catch (error) {
		// No password was tried: the address is not charged for the account's wait.
		await refund(ipKey);
		throw error;
	}

	const ok = row
		? await verifyPassword(row.passwordHash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!row || !ok) throw new DomainError('unauthenticated');
	await resetLimit(accountKey);
	await refund(ipKey);
	return startSession(row, from);
}

/**
 * Checks a signed-in person's current password, with growing delays like a login: changing the
 * password or the e-mail, or erasing the account, needs it, so a borrowed session cannot take
 * the account over. Counted apart from logins, so an attacker at the login form does not stop
 * the owner changing it.
 */
export async function confirmPassword(
	row: Pick<typeof users.$inferSelect, 'id' | 'passwordHash'>,
	password: string | undefined,
	field = 'currentPassword'
) {
	const key = opaqueKey('password:user', row.id);
	await passGate(key, config().rateLimits.loginPerAccount);
	if (!password || !(await verifyPassword(row.passwordHash, password))) {
		throw new DomainError('invalid_input', {
			fields: { [field]: password ? 'v_password_wrong' : 'v_password_needed' }
		});
	}
	await resetLimit(key);
}

/**
 * Name, language and e-mail. A new e-mail needs the current password, is limited per client
 * address (its `email_taken` would otherwise check a list of addresses), and leaves the account
 * unverified until the link sent to it is used.
 */
export async function updateProfile(
	userId: string,
	input: ProfileInput,
	from: RequestOrigin
): Promise<PublicUser> {
	const [current] = await db.select().from(users).where(eq(users.id, userId));
	if (!current) throw new DomainError('not_found');
	const changed = current.email !== input.email;
	if (changed) {
		await consume(opaqueKey('email-change:ip', from.ip), config().rateLimits.emailChangePerIp);
		await confirmPassword(current, input.currentPassword);
	}
	try {
		const row = await db.transaction(async (tx) => {
			const [updated] = await tx
				.update(users)
				.set({
					name: input.name,
					email: input.email,
					locale: input.locale,
					updatedAt: sql`now()`,
					...(changed ? { emailVerifiedAt: null } : {})
				})
				.where(eq(users.id, userId))
				.returning();
			if (!updated) throw new DomainError('not_found');
			if (changed) await queueVerification(tx, updated);
			return updated;
		});
		if (changed) publish('mail.queued', {});
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
