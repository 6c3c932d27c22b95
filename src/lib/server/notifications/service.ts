import { and, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { config } from '../config';
import { db, type Executor } from '../db/client';
import { notifications, users } from '../db/schema';
import { publish } from '../events/bus';
import { decodeTimeCursor, toPage, type Page } from '../pagination';
import { translate } from '../i18n/translate';
import { queueMail } from '../mail/outbox';
import { describe } from '$lib/shared/notification-text';
import type { NotificationKind, NotificationView } from '$lib/shared/views/notifications';

export type { NotificationKind, NotificationView };

function toView(row: typeof notifications.$inferSelect): NotificationView {
	return {
		id: row.id,
		kind: row.kind,
		data: row.data,
		read: row.readAt !== null,
		createdAt: row.createdAt.toISOString()
	};
}

/**
 * Tells these people (and only them) something; each of their open pages hears it at once, and
 * those who chose this kind by e-mail get it in the outbox (sent when SMTP_URL is set), in the
 * same transaction.
 */
export async function notify(
	userIds: string[],
	kind: NotificationKind,
	data: Record<string, string>
) {
	const people = [...new Set(userIds)];
	if (!people.length) return;
	const { rows, mailed } = await db.transaction(async (tx) => {
		const rows = await tx
			.insert(notifications)
			.values(people.map((userId) => ({ userId, kind, data })))
			.returning();
		return { rows, mailed: await mailThoseWhoChoseIt(tx, people, kind, data) };
	});
	for (const row of rows)
		publish('notification.created', { userId: row.userId, notification: toView(row) });
	if (mailed) publish('mail.queued', {});
}

async function mailThoseWhoChoseIt(
	tx: Executor,
	people: string[],
	kind: NotificationKind,
	data: Record<string, string>
) {
	const wanting = await tx
		.select({ email: users.email, locale: users.locale })
		.from(users)
		.where(and(inArray(users.id, people), sql`${kind} = any(${users.emailNotifications})`));
	const { origin } = config();
	for (const person of wanting) {
		const { text, href } = describe({ kind, data }, person.locale);
		const link = `${origin}${href}`;
		await queueMail(tx, {
			to: person.email,
			subject: text,
			body: `${text}\n\n${translate('notification_mail_footer', person.locale, {
				link,
				settings: `${origin}/notifications/settings`
			})}`,
			link
		});
	}
	return wanting.length;
}

/** The kinds of notification this person also gets by e-mail. */
export async function emailChoicesOf(actor: Actor | null): Promise<NotificationKind[]> {
	authorize(actor, actor !== null);
	const [row] = await db
		.select({ kinds: users.emailNotifications })
		.from(users)
		.where(eq(users.id, actor.id));
	return (row?.kinds ?? []) as NotificationKind[];
}

/** Replaces the kinds of notification this person gets by e-mail. */
export async function chooseEmailNotifications(actor: Actor | null, kinds: NotificationKind[]) {
	authorize(actor, actor !== null);
	await db
		.update(users)
		.set({ emailNotifications: [...new Set(kinds)] })
		.where(eq(users.id, actor.id));
	return emailChoicesOf(actor);
}

export async function unreadCount(userId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
	return Number(row?.n ?? 0);
}

/** One's notifications, newest first, a page at a time. */
export async function listNotifications(
	actor: Actor | null,
	query: { limit: number; cursor?: string }
): Promise<Page<NotificationView> & { unread: number }> {
	authorize(actor, actor !== null);
	const conditions = [eq(notifications.userId, actor.id)];
	const after = decodeTimeCursor(query.cursor);
	if (after)
		conditions.push(
			or(
				lt(notifications.createdAt, after.at),
				and(eq(notifications.createdAt, after.at), lt(notifications.id, after.id))
			)!
		);
	const rows = await db
		.select()
		.from(notifications)
		.where(and(...conditions))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(query.limit + 1);
	const page = toPage(rows, query.limit, toView, (r) => [r.createdAt.toISOString(), r.id]);
	return { ...page, unread: await unreadCount(actor.id) };
}

/** Marks some (or all) of one's notifications read; the count follows on every open page. */
export async function markNotificationsRead(actor: Actor | null, ids?: string[]) {
	authorize(actor, actor !== null);
	const mine = eq(notifications.userId, actor.id);
	await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(
			and(mine, isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined)
		);
	const unread = await unreadCount(actor.id);
	publish('notification.read', { userId: actor.id, unread });
	return { unread };
}
