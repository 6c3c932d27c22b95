import { m } from '$lib/paraglide/messages';
import type { NotificationView } from '$lib/server/notifications/service';

/** A notification in plain words, and where it leads. */
export function describe(n: NotificationView): { text: string; href: `/${string}` } {
	switch (n.kind) {
		case 'claim_on_my_need':
			return {
				text: m.notification_claim({ who: n.data.who, title: n.data.title }),
				href: `/needs/${n.data.needId}`
			};
		case 'mention':
			return {
				text: m.notification_mention({ who: n.data.who, channel: n.data.channelName }),
				href: `/channels/${n.data.channelId}`
			};
		case 'duplicate_marked':
			return {
				text: m.notification_duplicate({ title: n.data.title }),
				href: `/needs/${n.data.originalId}`
			};
	}
}
