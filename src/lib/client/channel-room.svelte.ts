import { untrack } from 'svelte';
import type { MessageView, Presence } from '$lib/shared/views/channels';
import { api, failureMessage } from './api';
import { ChannelFeed } from './channel-feed';
import type { ClientSocket } from './realtime.svelte';

const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;

/**
 * A channel open in the browser: its messages (every one once, in order), who is typing, who is
 * here, and what the person is doing in it (answering or editing a message). It shows what the
 * page loaded until `connect` gives it the socket. Sends go over HTTP with a client id, so a
 * retry after a dropped connection never doubles a message; the answer shows the message at once,
 * and its live copy, arriving after, is the same one.
 */
export class ChannelRoom {
	messages = $state.raw<MessageView[]>([]);
	hasEarlier = $state(false);
	/** Whether the room follows the channel live: sending needs it. */
	live = $state(false);
	presence = $state<Record<string, Presence>>({});
	/** The message the composer answers. */
	replyTo = $state.raw<MessageView | null>(null);
	/** The message being edited, with its new text. */
	editing = $state<{ id: string; body: string } | null>(null);
	/** What went wrong with the last send, edit or deletion, in the person's language. */
	error = $state('');
	#typing = $state<Record<string, { name: string; until: number }>>({});
	#byId: Record<string, MessageView> = $derived(
		Object.fromEntries(this.messages.map((message) => [message.id, message]))
	);
	#feed: ChannelFeed | null = null;
	#socket: ClientSocket | null = null;
	#loadingEarlier = false;
	#lastTypingSent = 0;
	#lastReadSent = 0;

	constructor(
		readonly channelId: string,
		readonly me: string,
		initial: MessageView[],
		hasEarlier: boolean
	) {
		this.messages = initial;
		this.hasEarlier = hasEarlier;
	}

	/** The others who are typing, by name. */
	readonly typingNames = $derived(
		Object.entries(this.#typing)
			.filter(([id]) => id !== this.me)
			.map(([, t]) => t.name)
	);

	presenceOf(userId: string): Presence {
		return this.presence[userId] ?? 'offline';
	}

	/** The message `message` answers, when it is among those shown. */
	parentOf(message: MessageView): MessageView | undefined {
		return message.parentId ? this.#byId[message.parentId] : undefined;
	}

	/** Follows the channel on `socket` (one join, see the feed) until the returned function. */
	connect(socket: ClientSocket): () => void {
		const feed = new ChannelFeed(
			this.channelId,
			socket,
			(id, after) => api('GET', `/api/v1/channels/${id}/messages?after=${after}&limit=100`),
			(messages) => (this.messages = messages),
			(answer) => (this.presence = { ...answer.presence })
		);
		const onTyping = (t: { channelId: string; userId: string; name: string }) => {
			if (t.channelId !== this.channelId) return;
			this.#typing[t.userId] = { name: t.name, until: Date.now() + TYPING_SHOWN_MS };
			setTimeout(() => this.#expireTyping(), TYPING_SHOWN_MS + 50);
		};
		const onPresence = ({ changes }: { changes: { userId: string; status: Presence }[] }) => {
			for (const c of changes) this.presence[c.userId] = c.status;
		};
		const onNew = ({ message }: { message: MessageView }) => {
			// Whoever sent a message has stopped typing it.
			if (message.channelId === this.channelId && message.authorId)
				delete this.#typing[message.authorId];
		};
		socket.on('typing', onTyping);
		socket.on('presence', onPresence);
		socket.on('message:new', onNew);
		this.#feed = feed;
		this.#socket = socket;
		this.live = true;
		// Called from an effect: what is shown now is where the feed starts, not what it re-runs on.
		void feed.start(untrack(() => this.messages));
		return () => {
			socket.off('typing', onTyping);
			socket.off('presence', onPresence);
			socket.off('message:new', onNew);
			feed.stop();
			this.#feed = this.#socket = null;
			this.live = false;
		};
	}

	#expireTyping() {
		const now = Date.now();
		for (const [id, t] of Object.entries(this.#typing)) if (t.until <= now) delete this.#typing[id];
	}

	/** Tells the others, at most every two seconds. */
	noteTyping() {
		if (!this.#socket || Date.now() - this.#lastTypingSent < TYPING_SENT_EVERY_MS) return;
		this.#lastTypingSent = Date.now();
		this.#socket.emit('typing', { channelId: this.channelId });
	}

	/** Sends `body` (in answer to `replyTo`, if any); false when it failed, with `error` set. */
	async send(body: string): Promise<boolean> {
		const path = `/api/v1/channels/${this.channelId}/messages`;
		const payload = {
			body,
			clientId: crypto.randomUUID(),
			...(this.replyTo ? { parentId: this.replyTo.id } : {})
		};
		this.error = '';
		const post = () => api<{ message: MessageView }>('POST', path, payload);
		try {
			// One retry after a network failure: the client id makes it safe.
			const { message } = await post().catch((error) => {
				if (error instanceof TypeError) return post();
				throw error;
			});
			this.#feed?.receive(message);
			this.replyTo = null;
			return true;
		} catch (error) {
			this.error = failureMessage(error);
			return false;
		}
	}

	/** Saves the message being edited; it stays open, with `error` set, when that fails. */
	async saveEdit() {
		if (!this.editing) return;
		const { id, body } = this.editing;
		try {
			const answer = await api<{ message: MessageView }>('PATCH', `/api/v1/messages/${id}`, {
				body: body.trim()
			});
			this.#feed?.update(answer.message);
			this.editing = null;
		} catch (error) {
			this.error = failureMessage(error);
		}
	}

	async remove(id: string) {
		try {
			const answer = await api<{ message: MessageView }>('DELETE', `/api/v1/messages/${id}`);
			this.#feed?.update(answer.message);
		} catch (error) {
			this.error = failureMessage(error);
		}
	}

	/** History on scroll: the page before the first message shown, once at a time. */
	async loadEarlier() {
		const first = this.messages[0]?.seq;
		if (!first || !this.#feed || this.#loadingEarlier) return;
		const feed = this.#feed;
		this.#loadingEarlier = true;
		try {
			const page = await api<{ items: MessageView[]; hasEarlier: boolean }>(
				'GET',
				`/api/v1/channels/${this.channelId}/messages?before=${first}&limit=50`
			);
			feed.prepend(page.items);
			this.hasEarlier = page.hasEarlier;
		} finally {
			this.#loadingEarlier = false;
		}
	}

	/** Marks what is shown as read (when the page is visible). */
	markRead() {
		const seq = this.#feed?.lastSeq ?? 0;
		if (!this.#socket || seq <= this.#lastReadSent) return;
		this.#lastReadSent = seq;
		this.#socket.emit('channel:read', { channelId: this.channelId, seq });
	}

	setAway(away: boolean) {
		this.#socket?.emit('presence:set', { status: away ? 'away' : 'online' });
	}
}
