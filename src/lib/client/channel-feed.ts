import type { MessageView, Presence } from '$lib/shared/views/channels';

/** The few socket methods the feed needs: socket.io's client fits, and so does a test's. */
export interface FeedSocket {
	connected: boolean;
	recovered?: boolean;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	on(event: string, listener: (...args: any[]) => void): unknown;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	off(event: string, listener: (...args: any[]) => void): unknown;
	emit(event: string, payload: unknown, ack?: (answer: never) => void): unknown;
}

export type JoinAnswer = { ok: boolean; lastSeq?: number; presence?: Record<string, Presence> };

export type FetchAfter = (
	channelId: string,
	after: number
) => Promise<{ items: MessageView[]; nextCursor: string | null }>;

/**
 * One channel's messages as a client sees them: every message once, in order, whatever happens
 * to the connection. Live messages extend the list; a gap in the numbers (packets lost while
 * offline, a reconnect that socket.io could not recover) is filled from `?after=<last seq>`.
 */
export class ChannelFeed {
	/** Ordered by `seq`, no duplicates. */
	messages: MessageView[] = [];
	private catchingUp: Promise<void> | null = null;
	/** The highest number announced live: the feed is complete once it has reached it. */
	private wanted = 0;
	private readonly listeners: [string, (payload: any) => void][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any

	constructor(
		readonly channelId: string,
		private readonly socket: FeedSocket,
		private readonly fetchAfter: FetchAfter,
		private readonly onChange: (messages: MessageView[]) => void = () => {},
		/** The join's answer (presence, last number): the feed is the one owner of the join. */
		private readonly onJoined: (answer: JoinAnswer) => void = () => {}
	) {}

	get lastSeq(): number {
		return this.messages.at(-1)?.seq ?? 0;
	}

	/** Starts from messages already shown (the page's first load), then follows live. */
	start(initial: MessageView[] = []) {
		this.merge(initial);
		const onNew = ({ message }: { message: MessageView }) => {
			if (message.channelId !== this.channelId) return;
			if (message.seq > this.lastSeq + 1) {
				// A gap: what is missing is stored already (messages go out after commit).
				this.wanted = Math.max(this.wanted, message.seq);
				void this.catchUp();
			} else this.merge([message]);
		};
		const onUpdated = ({ message }: { message: MessageView }) => {
			if (message.channelId === this.channelId) this.merge([message], true);
		};
		const onConnect = () => {
			// A recovered connection got its rooms and missed packets back; otherwise re-join and ask.
			if (!this.socket.recovered) this.join();
			void this.catchUp();
		};
		this.listen('message:new', onNew);
		this.listen('message:updated', onUpdated);
		this.listen('connect', onConnect);
		if (this.socket.connected) this.join();
		return this.catchUp();
	}

	stop() {
		for (const [event, listener] of this.listeners) this.socket.off(event, listener);
		this.listeners.length = 0;
		if (this.socket.connected) this.socket.emit('channel:leave', { channelId: this.channelId });
	}

	/** Older messages (history on scroll) go in front. */
	prepend(older: MessageView[]) {
		this.merge(older);
	}

	/** Asks for everything after the last message seen until nothing is left. */
	catchUp(): Promise<void> {
		this.catchingUp ??= (async () => {
			try {
				for (let round = 0; round < 100; round++) {
					const page = await this.fetchAfter(this.channelId, this.lastSeq);
					this.merge(page.items);
					if (!page.nextCursor && this.lastSeq >= this.wanted) break;
				}
			} finally {
				this.catchingUp = null;
			}
		})();
		return this.catchingUp;
	}

	private join() {
		this.socket.emit('channel:join', { channelId: this.channelId }, (answer: never) => {
			const reply = answer as JoinAnswer;
			if (reply.ok) this.onJoined(reply);
			if (reply.ok && (reply.lastSeq ?? 0) > this.lastSeq) void this.catchUp();
		});
	}

	private listen<T>(event: string, listener: (payload: T) => void) {
		this.socket.on(event, listener);
		this.listeners.push([event, listener]);
	}

	private merge(incoming: MessageView[], replace = false) {
		let changed = false;
		const bySeq = new Map(this.messages.map((m) => [m.seq, m]));
		for (const message of incoming) {
			const known = bySeq.get(message.seq);
			if (known && !replace && known.editedAt === message.editedAt && !message.deleted) continue;
			bySeq.set(message.seq, message);
			changed = true;
		}
		if (!changed) return;
		this.messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
		this.onChange(this.messages);
	}
}
