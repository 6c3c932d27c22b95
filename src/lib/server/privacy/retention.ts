import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../administration/audit';
import { authorize, type Actor } from '../auth/actor';
import { DAY, now } from '../clock';
import { config } from '../config';
import { forgetInClosedPolls } from '../consultations/for-privacy';
import { db, type Executor } from '../db/client';
import { auditLog, needConsents, needs, organisations } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { redactNeeds } from '../needs/for-privacy';
import { recordHistory } from '../needs/history';
import { seeNeed } from '../needs/service';
import { canSeeRetention, erasureRefusal } from './policy';

/**
 * A need's personal data erased (see `redactNeeds`), and the notes of its consents with it.
 * Answers the needs it erased.
 */
export async function eraseNeedData(tx: Executor, needIds: string[], at: Date) {
	const erased = await redactNeeds(tx, needIds, at);
	await blankConsentNotes(tx, erased);
	return erased;
}

/** Consent notes may say things about the person: they go with the need's personal data. */
export async function blankConsentNotes(tx: Executor, needIds: string[]) {
	if (needIds.length)
		await tx.update(needConsents).set({ note: '' }).where(inArray(needConsents.needId, needIds));
}

const BATCH = 200;

/**
 * The retention run (hourly): needs closed more than RETENTION_DAYS ago lose their personal data,
 * a batch at a time, each run in the audit log; and erased accounts' voter keys go once their
 * polls have closed. Answers how many needs it erased.
 */
export async function sweepRetention(): Promise<number> {
	const at = now();
	const cutoff = new Date(at.getTime() - config().retentionDays * DAY);
	let total = 0;
	for (;;) {
		const ids = await db.transaction(async (tx) => {
			const due = await tx
				.select({ id: needs.id })
				.from(needs)
				.where(and(isNull(needs.redactedAt), isNotNull(needs.closedAt), lt(needs.closedAt, cutoff)))
				.orderBy(asc(needs.closedAt))
				.limit(BATCH);
			const erased = await eraseNeedData(
				tx,
				due.map((d) => d.id),
				at
			);
			if (erased.length)
				await recordAudit(tx, {
					actorId: null,
					action: 'retention.run',
					subjectType: 'needs',
					subjectId: 'retention',
					details: { count: erased.length, retentionDays: config().retentionDays }
				});
			return erased;
		});
		for (const needId of ids) publish('need.updated', { needId });
		total += ids.length;
		if (ids.length < BATCH) break;
	}
	await db.transaction((tx) => forgetInClosedPolls(tx));
	return total;
}

/** A coordinator (or the resident, for their own request) erases a closed need before its time. */
export async function eraseNeed(actor: Actor | null, needId: string) {
	authorize(actor, actor !== null);
	const { row } = await seeNeed(actor, needId);
	const refusal = erasureRefusal(actor, row.need);
	if (refusal === 'need_open') throw new DomainError('conflict', { extra: { reason: refusal } });
	authorize(actor, refusal === null);
	const erased = await db.transaction(async (tx) => {
		const ids = await eraseNeedData(tx, [needId], now());
		if (!ids.length) return false;
		await recordHistory(tx, needId, actor.id, 'erased');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'need.erased',
			subjectType: 'need',
			subjectId: needId,
			details: { organisationId: row.need.organisationId }
		});
		return true;
	});
	if (!erased) throw new DomainError('conflict', { extra: { reason: 'need_erased' } });
	publish('need.updated', { needId });
}

/**
 * What is due to be erased and when, for the administration: the closed needs still holding
 * personal data, soonest first, how many fall due in the next week and month, and the last runs.
 */
export async function retentionSchedule(actor: Actor | null) {
	authorize(actor, canSeeRetention(actor));
	const days = config().retentionDays;
	const at = now();
	const dueAt = sql<Date>`${needs.closedAt} + make_interval(days => ${days})`;
	const pending = and(isNull(needs.redactedAt), isNotNull(needs.closedAt));
	const within = (d: number) =>
		sql<number>`count(*) filter (where ${needs.closedAt} + make_interval(days => ${days}) < ${new Date(at.getTime() + d * DAY).toISOString()}::timestamptz)`.mapWith(
			Number
		);
	const [[counts], next, runs] = await Promise.all([
		db
			.select({ total: sql<number>`count(*)`.mapWith(Number), week: within(7), month: within(30) })
			.from(needs)
			.where(pending),
		db
			.select({
				id: needs.id,
				closedAt: needs.closedAt,
				dueAt,
				outcome: needs.outcome,
				organisationName: organisations.name
			})
			.from(needs)
			.leftJoin(organisations, eq(organisations.id, needs.organisationId))
			.where(pending)
			.orderBy(asc(needs.closedAt))
			.limit(50),
		db
			.select({ at: auditLog.createdAt, details: auditLog.details })
			.from(auditLog)
			.where(eq(auditLog.action, 'retention.run'))
			.orderBy(desc(auditLog.createdAt))
			.limit(10)
	]);
	return {
		retentionDays: days,
		counts,
		next: next.map((n) => ({
			id: n.id,
			closedAt: n.closedAt!.toISOString(),
			dueAt: new Date(n.dueAt).toISOString(),
			outcome: n.outcome,
			organisationName: n.organisationName
		})),
		runs: runs.map((r) => ({ at: r.at.toISOString(), count: Number(r.details.count ?? 0) }))
	};
}
