/** The error codes of API.md, each with its HTTP status. */
export const errorStatus = {
	invalid_input: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	already_claimed: 409,
	possible_duplicate: 409,
	conflict: 409,
	email_taken: 409,
	too_large: 413,
	rate_limited: 429
} as const;

export type ErrorCode = keyof typeof errorStatus;

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
