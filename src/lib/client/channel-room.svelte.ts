import type { Socket } from 'socket.io-client';
import { ChannelFeed } from './channel-feed';
import type { MessageView } from '$lib/shared/views/channels';

import type { Presence } from '$lib/shared/views/channels';

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(path, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const json = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(json?.error?.message ?? res.statusText);
	return json as T;
}

const TYPING_SHOWN_MS = 4000;

/**
 * A channel open in the browser: its messages (every one once, in order), who is typing, who is
 * here, and the actions of the composer. Sends go over HTTP with a client id, so a retry after
 * a dropped connection never doubles a message; the message itself arrives live like any other.
 */
export class ChannelRoom {
	messages = $state<MessageView[]>([]);
	hasEarlier = $state(false);
	typing = $state<Record<string, { name: string; until: number }>>({});
	presence = $state<Record<string, Presence>>({});
	private feed: ChannelFeed;
	private readonly off: (() => void)[] = [];
	private lastTypingSent = 0;
	private lastReadSent = 0;

	constructor(
		readonly channelId: string,
		private readonly socket: Socket,
		readonly me: string
	) {
		this.feed = new ChannelFeed(
			channelId,
			socket,
			(id, after) => api('GET', `/api/v1/channels/${id}/messages?after=${after}&limit=100`),
			(messages) => (this.messages = messages),
			(answer) => {
				if (answer.presence) this.presence = { ...answer.presence };
			}
		);
	}

	start(initial: MessageView[], hasEarlier: boolean) {
		this.hasEarlier = hasEarlier;
		const on = <T>(event: string, listener: (payload: T) => void) => {
			this.socket.on(event, listener as never);
			this.off.push(() => this.socket.off(event, listener as never));
		};
		on<{ channelId: string; userId: string; name: string }>('typing', (t) => {
			if (t.channelId !== this.channelId) return;
			this.typing = {
				...this.typing,
				[t.userId]: { name: t.name, until: Date.now() + TYPING_SHOWN_MS }
			};
			setTimeout(() => this.expireTyping(), TYPING_SHOWN_MS + 50);
		});
		on<{ changes: { userId: string; status: Presence }[] }>('presence', ({ changes }) => {
			const next = { ...this.presence };
			for (const c of changes) next[c.userId] = c.status;
			this.presence = next;
		});
		on<{ message: MessageView }>('message:new', ({ message }) => {
			// Whoever sent a message has stopped typing it.
			if (
				message.channelId === this.channelId &&
				message.authorId &&
				this.typing[message.authorId]
			) {
				const { [message.authorId]: _, ...rest } = this.typing;
				void _;
				this.typing = rest;
			}
		});
		void this.feed.start(initial);
	}

	stop() {
		this.off.forEach((f) => f());
		this.feed.stop();
	}

	private expireTyping() {
		const now = Date.now();
		this.typing = Object.fromEntries(Object.entries(this.typing).filter(([, t]) => t.until > now));
	}

	/** Tells the others at most every two seconds. */
	noteTyping() {
		if (Date.now() - this.lastTypingSent < 2000) return;
		this.lastTypingSent = Date.now();
		this.socket.emit('typing', { channelId: this.channelId }, () => {});
	}

	async send(body: string, parentId?: string) {
		const clientId = crypto.randomUUID();
		const payload = { body, clientId, ...(parentId ? { parentId } : {}) };
		// One retry after a network failure: the client id makes it safe.
		try {
			return await api<{ message: MessageView }>(
				'POST',
				`/api/v1/channels/${this.channelId}/messages`,
				payload
			);
		} catch (error) {
			if (!(error instanceof TypeError)) throw error;
			return api<{ message: MessageView }>(
				'POST',
				`/api/v1/channels/${this.channelId}/messages`,
				payload
			);
		}
	}

	edit(id: string, body: string) {
		return api('PATCH', `/api/v1/messages/${id}`, { body });
	}

	remove(id: string) {
		return api('DELETE', `/api/v1/messages/${id}`);
	}

	async loadEarlier() {
		const first = this.messages[0]?.seq;
		if (!first) return;
		const page = await api<{ items: MessageView[]; hasEarlier: boolean }>(
			'GET',
			`/api/v1/channels/${this.channelId}/messages?before=${first}&limit=50`
		);
		this.feed.prepend(page.items);
		this.hasEarlier = page.hasEarlier;
	}

	/** Marks what is shown as read (when the page is visible). */
	markRead() {
		const seq = this.feed.lastSeq;
		if (seq <= this.lastReadSent) return;
		this.lastReadSent = seq;
		this.socket.emit('channel:read', { channelId: this.channelId, seq }, () => {});
	}

	setAway(away: boolean) {
		this.socket.emit('presence:set', { status: away ? 'away' : 'online' }, () => {});
	}
}
