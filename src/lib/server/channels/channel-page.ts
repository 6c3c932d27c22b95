import { authorize, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { messagesOf } from './messages';
import { canChannel } from './policy';
import { channelView, loadChannel, membersOf } from './service';

/** The newest messages a channel's page opens on; earlier ones load on scroll. */
const FIRST_PAGE = 50;

/**
 * Everything a channel's page shows, for this person: one membership check, then the channel,
 * its members and its newest messages at once, and what they may do from the channel policy.
 * Someone who may only join (a territory channel) does not read it: `forbidden`, as the API.
 */
export async function channelPage(actor: Actor | null, id: string) {
	authorize(actor, actor !== null);
	const { row, target, fromSeq } = await loadChannel(db, actor, id);
	authorize(actor, canChannel(actor, 'read', target));
	const [channel, members, history] = await Promise.all([
		channelView(actor, id, target),
		membersOf(row),
		messagesOf(id, fromSeq, { limit: FIRST_PAGE })
	]);
	return {
		channel,
		members,
		messages: history.items,
		hasEarlier: history.hasEarlier,
		me: actor.id,
		can: channel.can
	};
}
