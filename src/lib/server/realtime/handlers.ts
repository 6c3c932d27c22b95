import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { DomainError } from '../errors';
import { nulPath } from '../http/api';
import { errorMessage, fieldKeys, translateFields } from '../http/messages';
import { log } from '../log';
import type { SocketData } from './handshake';
import { spendEvent } from './limits';

type Ack = (answer: unknown) => void;

/**
 * A socket event with the API's rules: the payload parsed by a shared schema, domain errors as
 * `{ ok: false, error: { code, message, fields? } }` in the socket's language, never a crash,
 * and `rate_limited` once the socket sends more than its budget (see `spendEvent`).
 */
export function onEvent<S extends z.ZodType>(
	socket: Socket<never, never, never, SocketData>,
	event: string,
	schema: S,
	handler: (input: z.infer<S>) => Promise<Record<string, unknown>>
) {
	(socket as unknown as Socket).on(event, async (payload: unknown, ack?: unknown) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		const locale = socket.data.auth.user.locale;
		// Beyond its budget a socket's events are answered, not run.
		if (!spendEvent(socket as unknown as Socket))
			return reply({
				ok: false,
				error: { code: 'rate_limited', message: errorMessage('rate_limited', locale) }
			});
		const nul = nulPath(payload);
		const parsed = nul === null ? schema.safeParse(payload ?? {}) : null;
		if (!parsed) {
			const fields = translateFields({ [nul!]: 'v_invalid' }, locale);
			return reply({
				ok: false,
				error: { code: 'invalid_input', message: errorMessage('invalid_input', locale), fields }
			});
		}
		if (!parsed.success) {
			const fields = translateFields(fieldKeys(parsed.error), locale);
			return reply({
				ok: false,
				error: { code: 'invalid_input', message: errorMessage('invalid_input', locale), fields }
			});
		}
		try {
			reply({ ok: true, ...(await handler(parsed.data)) });
		} catch (error) {
			if (error instanceof DomainError) {
				return reply({
					ok: false,
					error: {
						code: error.code,
						message: errorMessage(error.code, locale, error.details.extra?.reason)
					}
				});
			}
			log.error('socket handler failed', { event, error });
			reply({
				ok: false,
				error: { code: 'internal', message: errorMessage('internal' as never, locale) }
			});
		}
	});
}
