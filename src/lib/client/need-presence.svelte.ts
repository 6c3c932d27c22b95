import type { Socket } from 'socket.io-client';
import { m } from '$lib/paraglide/messages';
import type { NeedActivity, NeedPresence, NeedViewer } from '$lib/shared/presence';

export interface RunningActivity extends NeedActivity {
	/** What is left of it, by the server's clock. */
	msLeft: number;
}

/**
 * The presence of needs as the server last told it, with countdowns on the server's clock (the
 * browser's may be off): an activity disappears when its time is up, without a new message.
 */
export class LivePresence {
	#byNeed = $state<Record<string, NeedPresence>>({});
	/** The server's clock minus the browser's, from the last message. */
	#skew = 0;
	#now = $state(Date.now());

	receive(presence: NeedPresence) {
		this.#skew = Date.parse(presence.now) - Date.now();
		this.#byNeed[presence.needId] = presence;
		this.tick();
	}

	/** Nobody is on this need (any more). */
	clear(needId: string) {
		delete this.#byNeed[needId];
	}

	/** Moves the countdowns on; pages call it every second while something runs. */
	tick() {
		this.#now = Date.now() + this.#skew;
	}

	/** Who is looking, by name: empty for those outside the need's circle (see `viewerCount`). */
	viewers(needId: string): NeedViewer[] {
		return this.#byNeed[needId]?.viewers ?? [];
	}

	/** How many people are looking, named or not. */
	viewerCount(needId: string): number {
		return this.#byNeed[needId]?.viewerCount ?? 0;
	}

	activities(needId: string): RunningActivity[] {
		return (this.#byNeed[needId]?.activities ?? [])
			.map((a) => ({ ...a, msLeft: Date.parse(a.expiresAt) - this.#now }))
			.filter((a) => a.msLeft > 0);
	}

	/**
	 * Whether any shown activity still runs, so that the page knows to tick. Derived, so that
	 * what depends on it wakes only when it flips, not at every tick.
	 */
	readonly running = $derived(
		Object.keys(this.#byNeed).some((id) => this.activities(id).length > 0)
	);
}

/**
 * Ticks a presence every second while an activity runs. Call it from a component's `$effect`;
 * it returns the function that stops it.
 */
export function tickWhileRunning(live: LivePresence): (() => void) | undefined {
	if (!live.running) return;
	const timer = setInterval(() => live.tick(), 1000);
	return () => clearInterval(timer);
}

type PresenceAck = { ok: boolean; presence?: NeedPresence | NeedPresence[] };

/**
 * Sends `event` now and after every reconnect (a new node knows nothing of this socket), feeds
 * `live` with the answer and with the `need:presence` messages of these needs. Returns the
 * function that stops listening.
 */
function follow(
	socket: Socket,
	live: LivePresence,
	needIds: string[],
	[event, payload]: [string, unknown]
) {
	let stopped = false;
	const request = () =>
		socket.emit(event, payload, (ack: PresenceAck) => {
			// An answer that comes after the page moved on is about a list no longer shown.
			if (stopped || !ack?.ok) return;
			const answered = [ack.presence ?? []].flat();
			// A glance answers only for needs with someone on them: the others are quiet now.
			for (const needId of needIds) {
				const presence = answered.find((p) => p.needId === needId);
				if (presence) live.receive(presence);
				else live.clear(needId);
			}
		});
	const onPresence = (presence: NeedPresence) => {
		if (needIds.includes(presence.needId)) live.receive(presence);
	};
	if (socket.connected) request();
	socket.on('connect', request);
	socket.on('need:presence', onPresence);
	return () => {
		stopped = true;
		socket.off('connect', request);
		socket.off('need:presence', onPresence);
	};
}

/** This page shows the need: its person counts as looking until `stop` or disconnection. */
export function watchNeed(socket: Socket, live: LivePresence, needId: string): () => void {
	const stop = follow(socket, live, [needId], ['need:watch', { needId }]);
	return () => {
		stop();
		socket.emit('need:unwatch', { needId });
	};
}

/** This list shows these needs: it hears of their presence, without counting as looking. */
export function glanceNeeds(socket: Socket, live: LivePresence, needIds: string[]): () => void {
	return follow(socket, live, needIds, ['needs:glance', { needIds }]);
}

/** "Marta (Caritas)", or "Marta" for someone without an organisation. */
export function personLabel(person: { name: string | null; organisation: string | null }): string {
	if (person.name === null) return m.presence_someone();
	return person.organisation
		? m.presence_person({ name: person.name, organisation: person.organisation })
		: person.name;
}

/** A countdown as mm:ss. */
export function countdown(ms: number): string {
	const seconds = Math.max(0, Math.ceil(ms / 1000));
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
