import { errorStatus, type ErrorCode } from '$lib/shared/errors';

export { errorStatus, type ErrorCode };

/**
 * What a capability answers when it will not do something. Routes, the API and socket acks
 * map it in one place; `fields` holds message keys per field, `extra` sits beside `error`.
 */
export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly details: {
			fields?: Record<string, string>;
			extra?: Record<string, unknown>;
			retryAfterSeconds?: number;
		} = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}
