import type { AnswerTo } from '$lib/shared/realtime';
import type { MessageView } from '$lib/shared/views/channels';
import type { ClientSocket } from './realtime.svelte';

/** What a successful `channel:join` answers: the channel's last number, who is here. */
export type Joined = Extract<AnswerTo<'channel:join'>, { ok: true }>;

/** Long enough for a busy server, short enough that a lost answer does not hang the feed. */
const JOIN_TIMEOUT_MS = 5000;

export type FetchAfter = (
	channelId: string,
	after: number
) => Promise<{ items: MessageView[]; nextCursor: string | null }>;

/**
 * Whether `incoming` says more than `known` about the same message. A deletion is final; an edit
 * replaces what was before it, never what came after (answers and live events may cross).
 */
function isNewer(incoming: MessageView, known: MessageView): boolean {
	if (known.deleted) return false;
	if (incoming.deleted) return true;
	return (incoming.editedAt ?? '') > (known.editedAt ?? '');
}

/**
 * One channel's messages as a client sees them: every message once (by id), in order of `seq`,
 * whatever happens to the connection. New messages, live or from the answer to one's own send,
 * extend the list; a gap in the numbers (packets lost while offline, a reconnect that socket.io
 * could not recover) is filled from `?after=<last seq>`.
 */
export class ChannelFeed {
	/** Ordered by `seq`, no duplicates. */
	messages: MessageView[] = [];
	private catchingUp: Promise<void> | null = null;
	/** The highest number announced: the feed is complete once it has reached it. */
	private wanted = 0;
	private stopListening = () => {};

	constructor(
		readonly channelId: string,
		private readonly socket: ClientSocket,
		private readonly fetchAfter: FetchAfter,
		private readonly onChange: (messages: MessageView[]) => void = () => {},
		/** The join's answer (presence, last number): the feed is the one owner of the join. */
		private readonly onJoined: (answer: Joined) => void = () => {}
	) {}

	get lastSeq(): number {
		return this.messages.at(-1)?.seq ?? 0;
	}

	/** Starts from messages already shown (the page's first load), then follows live. */
	start(initial: MessageView[] = []) {
		this.merge(initial);
		const socket = this.socket;
		const onNew = ({ message }: { message: MessageView }) => this.receive(message);
		const onUpdated = ({ message }: { message: MessageView }) => this.update(message);
		const onConnect = () => {
			// A recovered connection got its rooms and missed packets back; otherwise re-join and ask.
			if (!socket.recovered) void this.join();
			void this.catchUp();
		};
		socket.on('message:new', onNew);
		socket.on('message:updated', onUpdated);
		socket.on('connect', onConnect);
		this.stopListening = () => {
			socket.off('message:new', onNew);
			socket.off('message:updated', onUpdated);
			socket.off('connect', onConnect);
		};
		if (socket.connected) void this.join();
		return this.catchUp();
	}

	stop() {
		this.stopListening();
		this.stopListening = () => {};
		if (this.socket.connected) this.socket.emit('channel:leave', { channelId: this.channelId });
	}

	/**
	 * A new message: in its place at once, or fetched together with what is missing before it.
	 * The same message again (the live copy of one's own, sent over HTTP) changes nothing.
	 */
	receive(message: MessageView) {
		if (message.channelId !== this.channelId) return;
		if (message.seq > this.lastSeq + 1) {
			// A gap: what is missing is stored already (messages go out after commit).
			this.wanted = Math.max(this.wanted, message.seq);
			void this.catchUp();
		} else this.merge([message]);
	}

	/** A message as it stands after an edit or a deletion, live or from the change's answer. */
	update(message: MessageView) {
		if (message.channelId === this.channelId) this.merge([message]);
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

	private async join() {
		// No answer in time: the catch-up already running, and the next reconnect, fill the feed.
		const answer: AnswerTo<'channel:join'> | null = await this.socket
			.timeout(JOIN_TIMEOUT_MS)
			.emitWithAck('channel:join', { channelId: this.channelId })
			.catch(() => null);
		if (!answer?.ok) return;
		this.onJoined(answer);
		if (answer.lastSeq > this.lastSeq) void this.catchUp();
	}

	private merge(incoming: MessageView[]) {
		let changed = false;
		const byId = new Map(this.messages.map((m) => [m.id, m]));
		for (const message of incoming) {
			const known = byId.get(message.id);
			if (known && !isNewer(message, known)) continue;
			byId.set(message.id, message);
			changed = true;
		}
		if (!changed) return;
		this.messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
		this.onChange(this.messages);
	}
}
