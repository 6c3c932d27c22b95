import { describe, expect, it } from 'vitest';
import { LiveBoard } from '../../src/lib/client/live-board.svelte';
import { LiveNeed } from '../../src/lib/client/live-need.svelte';
import { fitsOffers, LiveOffers } from '../../src/lib/client/live-offers.svelte';
import type { ClientSocket } from '../../src/lib/client/realtime.svelte';
import { summarise } from '../../src/lib/shared/need-summary';
import type { NeedView } from '../../src/lib/shared/views/needs';
import type { OfferView } from '../../src/lib/shared/views/offers';

/** A socket whose server events the test fires itself, and which records what the page sends. */
function fakeSocket() {
	const listeners = new Map<string, Set<(payload: unknown) => void>>();
	const sent: [string, unknown][] = [];
	const socket = {
		on(event: string, listener: (payload: unknown) => void) {
			if (!listeners.has(event)) listeners.set(event, new Set());
			listeners.get(event)!.add(listener);
		},
		off(event: string, listener: (payload: unknown) => void) {
			listeners.get(event)?.delete(listener);
		},
		emit(event: string, payload: unknown) {
			sent.push([event, payload]);
		}
	};
	const fire = (event: string, payload?: unknown) =>
		listeners.get(event)?.forEach((listener) => listener(payload));
	const listening = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);
	return { socket: socket as unknown as ClientSocket, fire, sent, listening };
}

const need = (id: string, change: Partial<NeedView> = {}): NeedView => ({
	id,
	title: `Bisogno ${id}`,
	description: '',
	category: 'shopping',
	urgency: 'normal',
	territoryId: null,
	territoryName: null,
	organisationId: null,
	organisationName: null,
	visibility: 'public',
	claimRule: 'anyone',
	status: 'open',
	outcome: null,
	duplicateOfId: null,
	approxLocation: '',
	dueDate: null,
	capacity: 1,
	claimedCount: 0,
	parts: [],
	claims: [],
	authorId: null,
	createdAt: '2026-01-01T10:00:00.000Z',
	updatedAt: '2026-01-01T10:00:00.000Z',
	...change
});

describe('the live board', () => {
	it('puts a new need that fits on top and says so; one that does not fit stays out', () => {
		const { socket, fire } = fakeSocket();
		const board = new LiveBoard([summarise(need('a'))], { status: 'open' });
		board.connect(socket);
		fire('need:created', { need: need('b') });
		expect(board.items.map((n) => n.id)).toEqual(['b', 'a']);
		expect(board.announcement).toContain('Bisogno b');
		fire('need:created', { need: need('c', { status: 'closed' }) });
		expect(board.items.map((n) => n.id)).toEqual(['b', 'a']);
	});

	it('updates a need in place, and lets it go (saying so) when it no longer fits', () => {
		const { socket, fire } = fakeSocket();
		const board = new LiveBoard([summarise(need('a')), summarise(need('b'))], { status: 'open' });
		board.connect(socket);
		fire('need:updated', { need: need('a', { urgency: 'high' }) });
		expect(board.items.map((n) => [n.id, n.urgency])).toEqual([
			['a', 'high'],
			['b', 'normal']
		]);
		expect(board.announcement).toBe('');
		fire('need:updated', { need: need('b', { status: 'fulfilled' }) });
		expect(board.items.map((n) => n.id)).toEqual(['a']);
		expect(board.announcement).toContain('Bisogno b');
	});

	it('keeps every status when the board shows them all', () => {
		const { socket, fire } = fakeSocket();
		const board = new LiveBoard([summarise(need('a'))], { status: 'all' });
		board.connect(socket);
		fire('need:created', { need: need('b', { status: 'in_progress' }) });
		fire('need:updated', { need: need('a', { status: 'closed' }) });
		expect(board.items.map((n) => [n.id, n.status])).toEqual([
			['b', 'in_progress'],
			['a', 'closed']
		]);
	});

	it("follows its territory's board again after a reconnect, and stops when told", () => {
		const { socket, fire, sent, listening } = fakeSocket();
		const board = new LiveBoard([], { territoryId: 't1' });
		const stop = board.connect(socket);
		fire('connect');
		expect(sent).toEqual([
			['board:subscribe', { territoryId: 't1' }],
			['board:subscribe', { territoryId: 't1' }]
		]);
		stop();
		expect(listening()).toBe(0);
		expect(sent.at(-1)).toEqual(['board:unsubscribe', {}]);
		fire('need:created', { need: need('a') });
		expect(board.items).toEqual([]);
	});
});

describe('a live need', () => {
	it('reloads for a change of its own need only, until it stops', () => {
		const { socket, fire, sent, listening } = fakeSocket();
		let reloads = 0;
		const stop = new LiveNeed(
			() => 'a',
			async () => reloads++
		).connect(socket);
		fire('need:updated', { need: need('b') });
		fire('need:updated', { need: need('a') });
		expect(reloads).toBe(1);
		stop();
		fire('need:updated', { need: need('a') });
		expect(reloads).toBe(1);
		expect(listening()).toBe(0);
		expect(sent).toEqual([
			['board:subscribe', {}],
			['board:unsubscribe', {}]
		]);
	});
});

describe('the offers list, live', () => {
	const offer = (id: string, change: Partial<OfferView> = {}): OfferView => ({
		id,
		kind: 'time',
		title: `Offerta ${id}`,
		description: '',
		category: 'company',
		territoryId: null,
		territoryName: null,
		skillIds: [],
		availability: {},
		capacity: 2,
		acceptedCount: 0,
		status: 'open',
		until: null,
		organisationId: null,
		organisationName: null,
		visibility: 'public',
		authorId: 'a',
		authorName: 'Autore',
		createdAt: '2026-12-01T10:00:00.000Z',
		updatedAt: '2026-12-01T10:00:00.000Z',
		...change
	});

	it('takes a new open offer that fits, updates one in place, and lets a full one go', () => {
		const { socket, fire, sent, listening } = fakeSocket();
		const list = new LiveOffers([offer('1')], { kind: 'time' });
		const stop = list.connect(socket);
		expect(sent[0]).toEqual(['board:subscribe', { territoryId: undefined }]);
		fire('offer:created', { offer: offer('2', { kind: 'goods' }) });
		fire('offer:created', { offer: offer('3') });
		expect(list.items.map((o) => o.id)).toEqual(['3', '1']);
		expect(list.announcement).toBe('Nuova offerta: Offerta 3');
		fire('offer:updated', { offer: offer('1', { acceptedCount: 1 }) });
		expect(list.items.find((o) => o.id === '1')?.acceptedCount).toBe(1);
		fire('offer:updated', { offer: offer('1', { acceptedCount: 2, status: 'full' }) });
		expect(list.items.map((o) => o.id)).toEqual(['3']);
		expect(list.announcement).toBe('Non più disponibile: Offerta 1');
		stop();
		expect(listening()).toBe(0);
	});

	it('a list searched for words takes no newcomer (the server matches words)', () => {
		const { socket, fire } = fakeSocket();
		const list = new LiveOffers([], { q: 'pane' });
		list.connect(socket);
		fire('offer:created', { offer: offer('4') });
		expect(list.items).toEqual([]);
		expect(fitsOffers(offer('5', { status: 'paused' }), {})).toBe(false);
	});
});
