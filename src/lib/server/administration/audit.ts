import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditKinds, type AuditAction } from '$lib/shared/audit';
import { TIME_ZONE } from '$lib/shared/format';
import type { AuditQuery } from '$lib/shared/schemas/administration';
import { authorize, type Actor } from '../auth/actor';
import { db, type Executor } from '../db/client';
import { auditLog, users } from '../db/schema';
import { decodeTimeCursor, toPage } from '../pagination';
import { canAdminister } from './policy';

export interface AuditEntry {
	/** Null for what the server does by itself (the retention run). */
	actorId: string | null;
	/** One of the list the log's sentences and filters know (`shared/audit.ts`). */
	action: AuditAction;
	subjectType: string;
	subjectId: string;
	details?: Record<string, unknown>;
}

/** Records an administrative action in the same transaction as the action itself. */
export async function recordAudit(tx: Executor, entry: AuditEntry) {
	await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

/** The log as the API answers it: its rows, filtered, newest first. */
export async function listAuditLog(actor: Actor | null, query: AuditQuery) {
	authorize(actor, canAdminister(actor, 'viewAuditLog'));
	return toPage(
		await auditRows(query),
		query.limit,
		(r) => r,
		(r) => [r.createdAt.toISOString(), r.id]
	);
}

export type AuditRow = Awaited<ReturnType<typeof auditRows>>[number];

/** When the day `day` (YYYY-MM-DD) began in the network's time zone, `plusDays` later. */
const startOf = (day: string, plusDays = 0) =>
	sql`((${day}::date + ${plusDays}::int)::timestamp at time zone ${TIME_ZONE})`;

/** One page of rows (and one more, to know if another follows) that match the filters. */
export function auditRows(q: AuditQuery) {
	const after = decodeTimeCursor(q.cursor);
	const conditions: (SQL | undefined)[] = [
		q.who ? eq(auditLog.actorId, q.who) : undefined,
		q.what ? inArray(auditLog.action, [...auditKinds[q.what]]) : undefined,
		q.from ? sql`${auditLog.createdAt} >= ${startOf(q.from)}` : undefined,
		q.to ? sql`${auditLog.createdAt} < ${startOf(q.to, 1)}` : undefined,
		after
			? or(
					lt(auditLog.createdAt, after.at),
					and(eq(auditLog.createdAt, after.at), lt(auditLog.id, after.id))
				)
			: undefined
	];
	return db
		.select({
			id: auditLog.id,
			action: auditLog.action,
			subjectType: auditLog.subjectType,
			subjectId: auditLog.subjectId,
			details: auditLog.details,
			createdAt: auditLog.createdAt,
			actorId: auditLog.actorId,
			actorName: users.name
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(and(...conditions))
		.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
		.limit(q.limit + 1);
}
