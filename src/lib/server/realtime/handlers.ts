import type { z } from 'zod';
import type { Ack, AnswerTo, ClientToServerEvents } from '$lib/shared/realtime';
import { describeError, DomainError } from '../errors';
import { parse } from '../input';
import { log } from '../log';
import { spendEvent } from './limits';
import type { RealtimeSocket } from './types';

type Answer<E extends keyof ClientToServerEvents> = AnswerTo<E> extends Ack<infer T> ? T : never;

/**
 * A socket event with the API's rules: the payload parsed by a shared schema, domain errors as
 * `{ ok: false, error: { code, message, fields? } }` in the socket's language, never a crash,
 * and `rate_limited` once the socket sends more than its budget (see `spendEvent`).
 */
export function onEvent<E extends keyof ClientToServerEvents, S extends z.ZodType>(
	socket: RealtimeSocket,
	event: E,
	schema: S,
	handler: (input: z.infer<S>) => Promise<Answer<E>>
) {
	// The client's payload and ack are whatever it sent: the schema decides, not the type.
	const listener = async (payload: unknown, ack?: unknown) => {
		const reply = typeof ack === 'function' ? (ack as (answer: Ack) => void) : () => {};
		try {
			// Beyond its budget a socket's events are answered, not run.
			if (!spendEvent(socket)) throw new DomainError('rate_limited');
			reply({ ok: true, ...(await handler(parse(schema, payload ?? {}))) });
		} catch (error) {
			const { code, message, fields } = describeError(error, socket.data.auth.user.locale);
			if (code === 'internal') log.error('socket handler failed', { event, error });
			reply({ ok: false, error: { code, message, ...(fields ? { fields } : {}) } });
		}
	};
	// Any of the contract's events: the listener takes whatever the client sent, unchecked.
	const name: keyof ClientToServerEvents = event;
	socket.on(name, listener);
}
