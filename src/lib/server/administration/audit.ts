import { desc, eq, lt, or, and } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { db, type Executor } from '../db/client';
import { auditLog, users } from '../db/schema';
import { decodeTimeCursor, toPage } from '../pagination';
import { canAdminister } from './policy';

export interface AuditEntry {
	actorId: string;
	action: string;
	subjectType: string;
	subjectId: string;
	details?: Record<string, unknown>;
}

/** Records an administrative action in the same transaction as the action itself. */
export async function recordAudit(tx: Executor, entry: AuditEntry) {
	await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

export async function listAuditLog(actor: Actor | null, page: { limit: number; cursor?: string }) {
	authorize(actor, canAdminister(actor, 'viewAuditLog'));
	const after = decodeTimeCursor(page.cursor);
	const rows = await db
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
		.where(
			after
				? or(
						lt(auditLog.createdAt, after.at),
						and(eq(auditLog.createdAt, after.at), lt(auditLog.id, after.id))
					)
				: undefined
		)
		.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
		.limit(page.limit + 1);
	return toPage(
		rows,
		page.limit,
		(r) => r,
		(r) => [r.createdAt.toISOString(), r.id]
	);
}
