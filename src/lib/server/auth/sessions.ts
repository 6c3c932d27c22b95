import { and, eq, lt, ne, sql } from 'drizzle-orm';
import { now } from '../clock';
import { config } from '../config';
import { db, preparedOnce } from '../db/client';
import { notifications, sessions, users } from '../db/schema';
import { publish } from '../events/bus';
import { generateToken, hashToken } from './tokens';
import type { PublicUser } from '$lib/shared/user';
import { standingColumns, verificationRequired, type Standing } from './actor';

const DAY = 86_400_000;

export interface Session {
	id: string;
	publicId: string;
	userId: string;
	expiresAt: Date;
}

export interface SessionWithUser {
	session: Session;
	user: PublicUser;
	/** The person's roles and trust, read with the session: one round trip to know who acts. */
	standing: Standing;
	/** Notifications not read yet (the bell), read in the same round trip. */
	unreadNotifications: number;
}

function lifetimeMs() {
	return config().sessionDays * DAY;
}

export function toPublicUser(row: typeof users.$inferSelect): PublicUser {
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		locale: row.locale,
		isAdmin: row.isAdmin,
		// With EMAIL_VERIFICATION=off every address counts as proved (development only).
		emailVerified: row.emailVerifiedAt !== null || !verificationRequired()
	};
}

/** Starts a session and returns its token: the only time the token exists outside the client. */
export async function createSession(
	userId: string,
	device = ''
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const at = now();
	const [row] = await db
		.insert(sessions)
		.values({
			id: hashToken(token),
			userId,
			device: device.slice(0, 120),
			createdAt: at,
			lastUsedAt: at,
			expiresAt: new Date(at.getTime() + lifetimeMs())
		})
		.returning();
	return { token, session: pick(row) };
}

function pick(row: typeof sessions.$inferSelect): Session {
	return { id: row.id, publicId: row.publicId, userId: row.userId, expiresAt: row.expiresAt };
}

const sessionQuery = () =>
	preparedOnce('session_with_user', (db) =>
		db
			.select({
				session: sessions,
				user: users,
				...standingColumns(users.id),
				unreadNotifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`
			})
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, sql.placeholder('id')))
			.prepare('session_with_user')
	);

/**
 * The session a token opens, or null. Sliding expiry: a session used in the second half of its
 * life is extended to a full lifetime again, so active people stay signed in.
 */
export async function validateSessionToken(token: string): Promise<SessionWithUser | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	const [row] = await sessionQuery().execute({ id });
	if (!row) return null;
	const at = now();
	const session = row.session;
	if (at >= session.expiresAt) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	const extend = at.getTime() >= session.expiresAt.getTime() - lifetimeMs() / 2;
	const touch = at.getTime() - session.lastUsedAt.getTime() > 5 * 60_000;
	if (extend || touch) {
		const expiresAt = extend ? new Date(at.getTime() + lifetimeMs()) : session.expiresAt;
		await db.update(sessions).set({ expiresAt, lastUsedAt: at }).where(eq(sessions.id, id));
		session.expiresAt = expiresAt;
	}
	return {
		session: pick(session),
		user: toPublicUser(row.user),
		standing: { memberships: row.memberships, vouched: Boolean(row.vouched) },
		unreadNotifications: Number(row.unreadNotifications)
	};
}

export async function invalidateSession(sessionId: string) {
	const gone = await db
		.delete(sessions)
		.where(eq(sessions.id, sessionId))
		.returning({ id: sessions.id, userId: sessions.userId });
	if (gone.length) publish('session.revoked', { userId: gone[0].userId, sessionIds: [gone[0].id] });
}

/** Revokes one of a person's sessions by its public id (the account page's "sign out"). */
export async function invalidateSessionByPublicId(userId: string, publicId: string) {
	const gone = await db
		.delete(sessions)
		.where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)))
		.returning({ id: sessions.id });
	if (gone.length) publish('session.revoked', { userId, sessionIds: gone.map((s) => s.id) });
	return gone.length > 0;
}

/** "Sign out everywhere else": every session of the person but the one asking. */
export async function invalidateOtherSessions(userId: string, keepSessionId: string) {
	const gone = await db
		.delete(sessions)
		.where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
		.returning({ id: sessions.id });
	if (gone.length) publish('session.revoked', { userId, sessionIds: gone.map((s) => s.id) });
	return gone.length;
}

export async function listSessions(userId: string) {
	const rows = await db
		.select()
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(sessions.lastUsedAt);
	return rows
		.filter((s) => s.expiresAt > now())
		.reverse()
		.map((s) => ({
			id: s.id,
			publicId: s.publicId,
			device: s.device,
			createdAt: s.createdAt,
			lastUsedAt: s.lastUsedAt
		}));
}

export async function deleteExpiredSessions() {
	await db.delete(sessions).where(lt(sessions.expiresAt, now()));
}
