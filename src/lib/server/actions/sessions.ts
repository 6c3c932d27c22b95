import { and, asc, eq, sql } from 'drizzle-orm';
import { authorize, requireVerified, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db, currentDatabase, type Executor } from '../db/client';
import { actionSessions, sessionSignups, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { canAction } from './policy';
import { assertActionOpen, loadAction } from './service';
import { actionTarget } from './views';
import type { CreateSessionInput } from '$lib/shared/schemas/actions';
import type { SessionView, SignupRowView, SignupView } from '$lib/shared/views/actions';

type SessionRow = typeof actionSessions.$inferSelect;

const waitingCount = (sessionId: string) =>
	sql<number>`(select count(*)::int from ${sessionSignups} s where s.session_id = ${sessionId}::uuid and s.status = 'waitlisted')`;

function toSessionView(row: SessionRow, waitlistCount: number): SessionView {
	return {
		id: row.id,
		actionId: row.actionId,
		startsAt: row.startsAt.toISOString(),
		endsAt: row.endsAt.toISOString(),
		place: row.place,
		capacity: row.capacity,
		confirmedCount: row.confirmedCount,
		waitlistCount
	};
}

/** Sessions of an action, soonest first, with their counts. */
export async function sessionsOf(actionId: string, tx: Executor = db): Promise<SessionView[]> {
	const rows = await tx
		.select({
			session: actionSessions,
			waiting: sql<number>`(select count(*)::int from ${sessionSignups} s where s.session_id = ${actionSessions.id} and s.status = 'waitlisted')`
		})
		.from(actionSessions)
		.where(eq(actionSessions.actionId, actionId))
		.orderBy(asc(actionSessions.startsAt), asc(actionSessions.id));
	return rows.map((r) => toSessionView(r.session, Number(r.waiting)));
}

/** A session and its action, for someone who may see the action (`not_found` otherwise). */
async function loadSession(actor: Actor | null, sessionId: string, ofAction?: string) {
	const [session] = await db.select().from(actionSessions).where(eq(actionSessions.id, sessionId));
	// Reached through an action's page: a session of another action is not there.
	if (!session || (ofAction && session.actionId !== ofAction)) throw new DomainError('not_found');
	const action = await loadAction(actor, session.actionId);
	return { session, action };
}

export async function getSession(actor: Actor | null, sessionId: string): Promise<SessionView> {
	const { session } = await loadSession(actor, sessionId);
	const [row] = currentDatabase().rows<{ waiting: number }>(
		await db.execute(sql`select ${waitingCount(sessionId)} as waiting`)
	);
	const waiting = row.waiting;
	return toSessionView(session, Number(waiting));
}

/** A talk, a desk, a shift: the staff of the lead and partners add them. */
export async function createSession(
	actor: Actor | null,
	actionId: string,
	input: CreateSessionInput
): Promise<SessionView> {
	const row = await loadAction(actor, actionId);
	authorize(actor, canAction(actor, 'contribute', actionTarget(row)));
	assertActionOpen(row);
	const [session] = await db
		.insert(actionSessions)
		.values({
			actionId,
			startsAt: input.startsAt,
			endsAt: input.endsAt,
			place: input.place,
			capacity: input.capacity,
			createdBy: actor.id
		})
		.returning();
	publish('session.changed', { sessionId: session.id, actionId });
	return toSessionView(session, 0);
}

/** One's position in the waiting list: how many joined it before and still wait, plus one. */
async function positionOf(tx: Executor, sessionId: string, seq: number): Promise<number> {
	const [row] = currentDatabase().rows<{ n: number }>(
		await tx.execute(sql`select count(*)::int as n from ${sessionSignups}
			where session_id = ${sessionId}::uuid and status = 'waitlisted' and seq <= ${seq}`)
	);
	return Number(row.n);
}

/**
 * Signs the person up: confirmed while there is room, else on the waiting list. Everything
 * happens under the session row's lock, taken first (so a place freed meanwhile is seen): the
 * room is taken by a conditional update (`confirmed_count < capacity`, and a check), so no
 * concurrency confirms one too many, and the same lock numbers the waiting list in order. One
 * live sign-up per person and session (a unique index: `already_signed_up`).
 */
export async function signUp(actor: Actor | null, sessionId: string): Promise<SignupView> {
	const { session, action } = await loadSession(actor, sessionId);
	requireVerified(actor);
	authorize(actor, canAction(actor, 'sign_up', actionTarget(action)));
	assertActionOpen(action);
	if (session.endsAt <= now())
		throw new DomainError('conflict', { extra: { reason: 'session_over' } });
	const signup = await db.transaction(async (tx) => {
		const [locked] = await tx
			.select({ confirmed: actionSessions.confirmedCount, capacity: actionSessions.capacity })
			.from(actionSessions)
			.where(eq(actionSessions.id, sessionId))
			.for('update');
		const room = locked.confirmed < locked.capacity;
		const [taken] = await tx
			.update(actionSessions)
			.set({
				queueSeq: sql`${actionSessions.queueSeq} + 1`,
				...(room ? { confirmedCount: sql`${actionSessions.confirmedCount} + 1` } : {})
			})
			.where(
				and(
					eq(actionSessions.id, sessionId),
					room ? sql`${actionSessions.confirmedCount} < ${actionSessions.capacity}` : undefined
				)
			)
			.returning({ seq: actionSessions.queueSeq });
		const status = room ? ('confirmed' as const) : ('waitlisted' as const);
		const [created] = await tx
			.insert(sessionSignups)
			.values({ sessionId, userId: actor.id, status, seq: taken.seq })
			.onConflictDoNothing()
			.returning({ id: sessionSignups.id, seq: sessionSignups.seq });
		// Already signed up: the error rolls back the place or number just taken.
		if (!created) throw new DomainError('conflict', { extra: { reason: 'already_signed_up' } });
		return {
			id: created.id,
			sessionId,
			status,
			position: room ? null : await positionOf(tx, sessionId, created.seq)
		};
	});
	publish('session.changed', { sessionId, actionId: session.actionId });
	return signup;
}

/**
 * Leaves a session. A confirmed place freed goes at once to the first who waits (confirmed, and
 * told); a place in the waiting list simply goes, and those after move up (positions are counted,
 * so they stay 1, 2, 3… without gaps). Under the session's lock, as signing up.
 */
export async function cancelSignup(actor: Actor | null, sessionId: string): Promise<void> {
	authorize(actor, actor !== null);
	const { session } = await loadSession(actor, sessionId);
	const promoted = await db.transaction(async (tx) => {
		await tx
			.select({ id: actionSessions.id })
			.from(actionSessions)
			.where(eq(actionSessions.id, sessionId))
			.for('update');
		const [mine] = await tx
			.select({ id: sessionSignups.id, status: sessionSignups.status })
			.from(sessionSignups)
			.where(
				and(
					eq(sessionSignups.sessionId, sessionId),
					eq(sessionSignups.userId, actor.id),
					sql`${sessionSignups.status} <> 'cancelled'`
				)
			);
		if (!mine) throw new DomainError('not_found');
		await tx
			.update(sessionSignups)
			.set({ status: 'cancelled', updatedAt: now() })
			.where(eq(sessionSignups.id, mine.id));
		if (mine.status !== 'confirmed') return null;
		const [next] = await tx
			.select({ id: sessionSignups.id, userId: sessionSignups.userId })
			.from(sessionSignups)
			.where(and(eq(sessionSignups.sessionId, sessionId), eq(sessionSignups.status, 'waitlisted')))
			.orderBy(asc(sessionSignups.seq))
			.limit(1);
		if (!next) {
			await tx
				.update(actionSessions)
				.set({ confirmedCount: sql`${actionSessions.confirmedCount} - 1` })
				.where(eq(actionSessions.id, sessionId));
			return null;
		}
		await tx
			.update(sessionSignups)
			.set({ status: 'confirmed', updatedAt: now() })
			.where(eq(sessionSignups.id, next.id));
		return next.userId;
	});
	if (promoted)
		publish('session.promoted', { sessionId, actionId: session.actionId, userId: promoted });
	publish('session.changed', { sessionId, actionId: session.actionId });
}

/** One's own sign-up for a session, with one's position when waiting; null without one. */
export async function mySignup(actor: Actor | null, sessionId: string): Promise<SignupView | null> {
	authorize(actor, actor !== null);
	await loadSession(actor, sessionId);
	const [mine] = await db
		.select()
		.from(sessionSignups)
		.where(
			and(
				eq(sessionSignups.sessionId, sessionId),
				eq(sessionSignups.userId, actor.id),
				sql`${sessionSignups.status} <> 'cancelled'`
			)
		);
	if (!mine) return null;
	return {
		id: mine.id,
		sessionId,
		status: mine.status,
		position: mine.status === 'waitlisted' ? await positionOf(db, sessionId, mine.seq) : null
	};
}

/** The organisers' list: confirmed in the order they came, then the waiting list in order. */
export async function signupsOf(actor: Actor | null, sessionId: string): Promise<SignupRowView[]> {
	const { action } = await loadSession(actor, sessionId);
	authorize(actor, canAction(actor, 'take_part', actionTarget(action)));
	return signupRows(sessionId);
}

async function signupRows(sessionId: string): Promise<SignupRowView[]> {
	const rows = await db
		.select({ s: sessionSignups, name: users.name })
		.from(sessionSignups)
		.innerJoin(users, eq(users.id, sessionSignups.userId))
		.where(
			and(eq(sessionSignups.sessionId, sessionId), sql`${sessionSignups.status} <> 'cancelled'`)
		)
		.orderBy(sql`${sessionSignups.status} = 'waitlisted'`, asc(sessionSignups.seq));
	let waiting = 0;
	return rows.map(({ s, name }) => ({
		id: s.id,
		sessionId,
		status: s.status,
		position: s.status === 'waitlisted' ? ++waiting : null,
		userId: s.userId,
		name,
		attended: s.attended,
		createdAt: s.createdAt.toISOString()
	}));
}

/**
 * A session's sheet for its organisers (the staff of the lead and partners): the session, its
 * action, who signed up and whether this person may mark attendance. `not_found` when the
 * session is not the action's.
 */
export async function sessionSheet(actor: Actor | null, actionId: string, sessionId: string) {
	const { session, action } = await loadSession(actor, sessionId, actionId);
	authorize(actor, canAction(actor, 'take_part', actionTarget(action)));
	const signups = await signupRows(sessionId);
	return {
		session: toSessionView(session, signups.filter((s) => s.status === 'waitlisted').length),
		action: { id: action.action.id, title: action.action.title },
		signups,
		mayMark: canAction(actor, 'contribute', actionTarget(action))
	};
}

/** The organisers mark who came (or not) at a session (of `ofAction`, from its page). */
export async function markAttendance(
	actor: Actor | null,
	sessionId: string,
	signupId: string,
	attended: boolean | null,
	ofAction?: string
) {
	const { action } = await loadSession(actor, sessionId, ofAction);
	authorize(actor, canAction(actor, 'contribute', actionTarget(action)));
	const [marked] = await db
		.update(sessionSignups)
		.set({ attended, updatedAt: now() })
		.where(
			and(
				eq(sessionSignups.id, signupId),
				eq(sessionSignups.sessionId, sessionId),
				eq(sessionSignups.status, 'confirmed')
			)
		)
		.returning({ id: sessionSignups.id });
	if (!marked) throw new DomainError('not_found');
}

/** The sweep: sessions starting within a day remind those confirmed, once per session. */
export async function sweepSessionReminders(): Promise<number> {
	const soon = new Date(now().getTime() + 24 * 3_600_000);
	const sessions = await db
		.update(actionSessions)
		.set({ remindedAt: now() })
		.where(
			and(
				sql`${actionSessions.remindedAt} is null`,
				sql`${actionSessions.startsAt} > ${now().toISOString()}::timestamptz`,
				sql`${actionSessions.startsAt} <= ${soon.toISOString()}::timestamptz`
			)
		)
		.returning({ id: actionSessions.id, actionId: actionSessions.actionId });
	for (const s of sessions) {
		const people = await db
			.select({ userId: sessionSignups.userId })
			.from(sessionSignups)
			.where(and(eq(sessionSignups.sessionId, s.id), eq(sessionSignups.status, 'confirmed')));
		if (people.length)
			publish('session.reminder', {
				sessionId: s.id,
				actionId: s.actionId,
				userIds: people.map((p) => p.userId)
			});
	}
	return sessions.length;
}
