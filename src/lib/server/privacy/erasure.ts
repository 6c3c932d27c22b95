import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../administration/audit';
import { authorize, type Actor } from '../auth/actor';
import { confirmPassword } from '../auth/service';
import { now } from '../clock';
import { forgetVoter } from '../consultations/for-privacy';
import { db, type Transaction } from '../db/client';
import {
	channels,
	memberships,
	messages,
	notifications,
	organisations,
	outbox,
	sessions,
	users
} from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { closeOwnRequests } from '../needs/for-privacy';
import { blankConsentNotes } from './retention';
import type { EraseAccountInput } from '$lib/shared/schemas/privacy';

/**
 * The organisations this person is the last coordinator of: someone must hold the role before
 * they go, or nobody could run the organisation again.
 */
export async function lastCoordinatorOf(userId: string) {
	return db
		.select({ id: organisations.id, name: organisations.name })
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(
			and(
				eq(memberships.userId, userId),
				eq(memberships.role, 'coordinator'),
				sql`not exists (select 1 from memberships other where other.organisation_id = ${memberships.organisationId} and other.role = 'coordinator' and other.user_id <> ${userId})`
			)
		);
}

/**
 * What other people's rows say of the person by name: notifications ("Ada took on your
 * request") and mail sent to others keep the sentence, not the name. Mail to the person goes.
 */
async function forgetName(tx: Transaction, user: { name: string; email: string }) {
	const name = sql`to_jsonb(${user.name}::text)`;
	await tx
		.update(notifications)
		.set({
			data: sql`(select jsonb_object_agg(key, case when value = ${name} then '""'::jsonb else value end) from jsonb_each(${notifications.data}))`
		})
		.where(sql`${notifications.data}::text like '%' || ${JSON.stringify(user.name)} || '%'`);
	await tx.delete(outbox).where(eq(outbox.recipient, user.email));
	await tx
		.update(outbox)
		.set({
			subject: sql`replace(${outbox.subject}, ${user.name}, '—')`,
			body: sql`replace(${outbox.body}, ${user.name}, '—')`
		})
		.where(sql`position(${user.name} in ${outbox.subject} || ${outbox.body}) > 0`);
}

/**
 * Erases an account (docs/privacy.md). The password first; the last coordinator of an
 * organisation hands the role over first. Then, in one transaction: their own requests close and
 * are redacted, their ballots stay counted under a key kept only while the poll is open, their
 * messages stay as from "account deleted" (their text too unless they ask), their name leaves
 * other people's notifications and mail, and the account goes with every row that is only
 * theirs (sessions, profile, memberships, identity, follows…). After it, every socket ends.
 */
export async function eraseAccount(actor: Actor | null, input: EraseAccountInput) {
	authorize(actor, actor !== null);
	const [user] = await db.select().from(users).where(eq(users.id, actor.id));
	if (!user) throw new DomainError('unauthenticated');
	await confirmPassword(user, input.password, 'password');
	const held = await lastCoordinatorOf(user.id);
	if (held.length)
		throw new DomainError('conflict', {
			extra: { reason: 'last_coordinator', organisations: held }
		});
	const at = now();
	const { sessionIds, needIds } = await db.transaction(async (tx) => {
		const live = await tx
			.select({ id: sessions.id })
			.from(sessions)
			.where(eq(sessions.userId, user.id));
		const needIds = await closeOwnRequests(tx, user.id, at);
		await blankConsentNotes(tx, needIds);
		// A need's channel is named after its title.
		if (needIds.length)
			await tx.update(channels).set({ name: '' }).where(inArray(channels.needId, needIds));
		await forgetVoter(tx, user.id);
		if (input.eraseMessages)
			await tx
				.update(messages)
				.set({ body: '', mentions: [], deletedAt: at })
				.where(and(eq(messages.authorId, user.id), isNull(messages.deletedAt)));
		await forgetName(tx, user);
		await recordAudit(tx, {
			actorId: null,
			action: 'account.erased',
			subjectType: 'user',
			subjectId: user.id,
			details: { erasedMessages: input.eraseMessages }
		});
		await tx.delete(users).where(eq(users.id, user.id));
		return { sessionIds: live.map((s) => s.id), needIds };
	});
	publish('session.revoked', { userId: user.id, sessionIds });
	for (const needId of needIds) publish('need.updated', { needId });
}
