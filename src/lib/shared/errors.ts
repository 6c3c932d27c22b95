/** The error codes of docs/api.md, each with its HTTP status. */
export const errorStatus = {
	invalid_input: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	already_claimed: 409,
	possible_duplicate: 409,
	possible_clash: 409,
	conflict: 409,
	email_taken: 409,
	too_large: 413,
	rate_limited: 429
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** What an answer's `error.code` may be: one of the above, or `internal` for our own faults. */
export type AnswerCode = ErrorCode | 'internal';
