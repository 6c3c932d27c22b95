import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { needs, users } from '../db/schema';
import { subscribe } from '../events/bus';
import { notify } from './service';

async function nameOf(userId: string) {
	const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
	return row?.name ?? '';
}

/** Who is told what: each event reaches only the people it concerns. Returns the unsubscriber. */
export function startNotifications(): () => void {
	const stops = [
		// Someone took on a need: its author hears who.
		subscribe('need.claimed', async ({ needId, userId }) => {
			const [need] = await db
				.select({ title: needs.title, authorId: needs.authorId })
				.from(needs)
				.where(eq(needs.id, needId));
			if (!need?.authorId || need.authorId === userId) return;
			await notify([need.authorId], 'claim_on_my_need', {
				needId,
				title: need.title,
				who: await nameOf(userId)
			});
		}),
		subscribe('message.mentioned', ({ message, channelName, userIds }) =>
			notify(userIds, 'mention', {
				channelId: message.channelId,
				channelName,
				who: message.authorName
			})
		)
	];
	return () => stops.forEach((stop) => stop());
}
