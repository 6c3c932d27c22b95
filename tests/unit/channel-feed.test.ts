import { describe, expect, it } from 'vitest';
import { ChannelFeed, type FetchAfter } from '../../src/lib/client/channel-feed';
import type { ClientSocket } from '../../src/lib/client/realtime.svelte';
import type { MessageView } from '../../src/lib/shared/views/channels';

/** A socket that is not connected (no join), whose server events the test fires itself. */
function fakeSocket() {
	const listeners = new Map<string, Set<(payload: unknown) => void>>();
	const socket = {
		connected: false,
		recovered: false,
		on(event: string, listener: (payload: unknown) => void) {
			if (!listeners.has(event)) listeners.set(event, new Set());
			listeners.get(event)!.add(listener);
		},
		off(event: string, listener: (payload: unknown) => void) {
			listeners.get(event)?.delete(listener);
		},
		emit() {}
	};
	const fire = (event: string, payload: unknown) =>
		listeners.get(event)?.forEach((listener) => listener(payload));
	return { socket: socket as unknown as ClientSocket, fire };
}

const message = (seq: number, change: Partial<MessageView> = {}): MessageView => ({
	id: `m${seq}`,
	channelId: 'c1',
	seq,
	authorId: 'u1',
	authorName: 'Ana',
	body: `numero ${seq}`,
	parentId: null,
	mentions: [],
	createdAt: '2026-01-01T10:00:00.000Z',
	editedAt: null,
	deleted: false,
	...change
});

/** A feed over a store of messages, as `GET …/messages?after=` answers them. */
async function feedOver(stored: MessageView[], initial: MessageView[] = []) {
	const { socket, fire } = fakeSocket();
	const asked: number[] = [];
	const fetchAfter: FetchAfter = async (_id, after) => {
		asked.push(after);
		return { items: stored.filter((m) => m.seq > after), nextCursor: null };
	};
	let changes = 0;
	const feed = new ChannelFeed('c1', socket, fetchAfter, () => changes++);
	await feed.start(initial);
	return { feed, fire, asked, changes: () => changes };
}

describe('the channel feed', () => {
	it("shows one's own message from the send's answer, once, when its live copy follows", async () => {
		const { feed, fire, changes } = await feedOver([message(1)], [message(1)]);
		const before = changes();
		feed.receive(message(2));
		fire('message:new', { message: message(2) });
		expect(feed.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
		expect(changes() - before).toBe(1);
	});

	it('takes the answer as the same message when the live copy came first', async () => {
		const { feed, fire } = await feedOver([message(1)], [message(1)]);
		fire('message:new', { message: message(2) });
		feed.receive(message(2));
		expect(feed.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
	});

	it('fetches what is missing before an answer beyond a gap, and keeps the order', async () => {
		const stored = [message(1)];
		const { feed, asked } = await feedOver(stored, [message(1)]);
		stored.push(message(2), message(3));
		asked.length = 0;
		feed.receive(message(3));
		expect(feed.messages.map((m) => m.seq)).toEqual([1]);
		await feed.catchUp();
		expect(asked).toEqual([1]);
		expect(feed.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
	});

	it('keeps a deletion and the latest edit, whatever order their answers come in', async () => {
		const { feed } = await feedOver([message(1)], [message(1)]);
		const edited = message(1, { body: 'corretto', editedAt: '2026-01-01T10:01:00.000Z' });
		const reEdited = message(1, { body: 'ricorretto', editedAt: '2026-01-01T10:02:00.000Z' });
		feed.update(reEdited);
		feed.update(edited);
		expect(feed.messages[0].body).toBe('ricorretto');
		feed.update(message(1, { body: '', deleted: true, editedAt: reEdited.editedAt }));
		feed.update(reEdited);
		expect(feed.messages[0].deleted).toBe(true);
	});
});
