import { and, desc, eq, gt } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { HOUR, now } from '../clock';
import { config } from '../config';
import { db } from '../db/client';
import { claims, contactAttempts, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { recordHistory } from './history';
import { canNeed } from './policy';
import { loadForActor, seeNeed } from './service';
import { needTarget } from './views';
import type { LogContactInput } from '$lib/shared/schemas/contacts';
import type { ContactView } from '$lib/shared/views/needs';

export type { ContactView };

/**
 * The contact log is the need's circle's: its author, its organisation and its helpers. A helper
 * without consent to see `contact`, put in touch by the organisation, logs their calls too.
 */
async function loadForContacts(
	actor: Actor | null,
	needId: string,
	load: typeof seeNeed = loadForActor
) {
	authorize(actor, actor !== null);
	const { row, holds } = await load(actor, needId);
	authorize(actor, canNeed(actor, 'viewHistory', needTarget(row.need, holds)));
	return row;
}

function selectContacts() {
	return db
		.select({ attempt: contactAttempts, userName: users.name })
		.from(contactAttempts)
		.leftJoin(users, eq(users.id, contactAttempts.userId));
}

function toView(r: { attempt: typeof contactAttempts.$inferSelect; userName: string | null }) {
	return {
		id: r.attempt.id,
		userId: r.attempt.userId,
		userName: r.userName ?? '',
		means: r.attempt.means,
		result: r.attempt.result,
		note: r.attempt.note,
		createdAt: r.attempt.createdAt.toISOString()
	};
}

/** The last time someone reached the person, if within the quiet hours (default 12). */
async function recentReach(needId: string): Promise<ContactView | null> {
	const since = new Date(now().getTime() - config().contactQuietHours * HOUR);
	const [last] = await selectContacts()
		.where(
			and(
				eq(contactAttempts.needId, needId),
				eq(contactAttempts.result, 'reached'),
				gt(contactAttempts.createdAt, since)
			)
		)
		.orderBy(desc(contactAttempts.createdAt))
		.limit(1);
	return last ? toView(last) : null;
}

/** The need's contact log, newest first, and whether the person was reached a short while ago. */
export async function listContacts(actor: Actor | null, needId: string) {
	await loadForContacts(actor, needId, seeNeed);
	return contactLog(needId);
}

/** The log itself, for a caller that has checked who is asking (see `needPage`). */
export async function contactLog(needId: string) {
	const rows = await selectContacts()
		.where(eq(contactAttempts.needId, needId))
		.orderBy(desc(contactAttempts.createdAt))
		.limit(200);
	return { items: rows.map(toView), recentlyReached: await recentReach(needId) };
}

/**
 * Logs an attempt to reach the person. If someone reached them within the quiet hours, nothing
 * is logged unless the helper confirms: `conflict` (`recently_reached`) says who and when.
 */
export async function logContact(
	actor: Actor | null,
	needId: string,
	input: LogContactInput
): Promise<ContactView> {
	await loadForContacts(actor, needId);
	const recent = await recentReach(needId);
	if (recent && !input.confirm)
		throw new DomainError('conflict', {
			extra: { reason: 'recently_reached', recentlyReached: recent }
		});
	const created = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(contactAttempts)
			.values({
				needId,
				userId: actor!.id,
				means: input.means,
				result: input.result,
				note: input.note,
				createdAt: now()
			})
			.returning();
		// Reaching out is the holder's activity on their claim: it is not stale.
		await tx
			.update(claims)
			.set({ lastActivityAt: now() })
			.where(
				and(eq(claims.needId, needId), eq(claims.userId, actor!.id), eq(claims.status, 'active'))
			);
		// The history says that someone tried, and how it went; the note stays in the log.
		await recordHistory(tx, needId, actor!.id, 'contact_logged', {
			means: input.means,
			result: input.result
		});
		return row;
	});
	publish('need.updated', { needId });
	return toView({ attempt: created, userName: actor!.name ?? null });
}
