import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../db/client';
import { contactAttempts, handovers, needHistory, needs } from '../db/schema';
import { endActiveClaims } from './claims';
import { recordHistory } from './history';

/**
 * Erases what closed needs say about their person: contact, description, rough place and person
 * key, and the free text written about them around it (contact notes, closing notes, handover
 * reasons). The need keeps its category, territory, dates and outcome for statistics. Only
 * needs not erased yet; answers those it erased.
 */
export async function redactNeeds(tx: Executor, needIds: string[], at: Date): Promise<string[]> {
	if (!needIds.length) return [];
	const erased = await tx
		.update(needs)
		.set({
			contact: '',
			description: '',
			approxLocation: '',
			personKeyHash: null,
			contactShared: false,
			redactedAt: at
		})
		.where(and(inArray(needs.id, needIds), isNull(needs.redactedAt)))
		.returning({ id: needs.id });
	const ids = erased.map((r) => r.id);
	if (!ids.length) return [];
	await tx.update(contactAttempts).set({ note: '' }).where(inArray(contactAttempts.needId, ids));
	await tx
		.update(needHistory)
		.set({ details: sql`${needHistory.details} - 'note'` })
		.where(inArray(needHistory.needId, ids));
	await tx
		.update(handovers)
		.set({ reason: '', answerNote: '' })
		.where(inArray(handovers.needId, ids));
	return ids;
}

/**
 * The requests a person posted for themselves, when their account goes: the open ones close
 * (their helpers' claims end), and all of them lose their personal data, title included.
 * Answers every one of them.
 */
export async function closeOwnRequests(tx: Transaction, userId: string, at: Date) {
	const own = await tx
		.select({ id: needs.id, status: needs.status })
		.from(needs)
		.where(and(eq(needs.authorId, userId), isNull(needs.organisationId)));
	const ids = own.map((n) => n.id);
	const open = own
		.filter((n) => n.status === 'open' || n.status === 'in_progress')
		.map((n) => n.id);
	await endActiveClaims(tx, open, 'released', 'need_closed', at);
	if (open.length)
		await tx
			.update(needs)
			.set({ status: 'closed', outcome: 'no_longer_needed', updatedAt: at, closedAt: at })
			.where(inArray(needs.id, open));
	for (const id of open)
		await recordHistory(tx, id, null, 'completed', { outcome: 'no_longer_needed' });
	await redactNeeds(tx, ids, at);
	if (ids.length) await tx.update(needs).set({ title: '' }).where(inArray(needs.id, ids));
	return ids;
}
