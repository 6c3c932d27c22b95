import { errorStatus, type AnswerCode, type ErrorCode } from '$lib/shared/errors';
import { hasMessage, translate, translateFields, type Locale } from './i18n/translate';

export { errorStatus, type ErrorCode };

/**
 * What a capability answers when it will not do something. The API, forms, pages and socket acks
 * turn it into their answer through `describeError`; `fields` holds message keys per field,
 * `extra` sits beside `error`.
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

/** Any failure as every adapter answers it: translated, with the status it stands for. */
export interface ErrorAnswer {
	status: number;
	code: AnswerCode;
	/** The specific reason's sentence when there is one, otherwise the code's. */
	message: string;
	/** Translated, per field. */
	fields?: Record<string, string>;
	extra?: Record<string, unknown>;
	retryAfterSeconds?: number;
}

/**
 * The sentence for an error, in the asker's language: the specific reason when there is one
 * ("reason_last_coordinator"), otherwise the code's general sentence.
 */
export function errorMessage(code: AnswerCode, locale?: Locale, reason?: unknown): string {
	if (typeof reason === 'string' && hasMessage(`reason_${reason}`))
		return translate(`reason_${reason}`, locale);
	return translate(`error_${code}`, locale);
}

/**
 * A domain error as its answer; anything else is our own fault, a 500 `internal` that tells
 * nothing of its cause (the adapter logs it).
 */
export function describeError(error: unknown, locale?: Locale): ErrorAnswer {
	if (!(error instanceof DomainError))
		return { status: 500, code: 'internal', message: errorMessage('internal', locale) };
	const { fields, extra, retryAfterSeconds } = error.details;
	return {
		status: errorStatus[error.code],
		code: error.code,
		message: errorMessage(error.code, locale, extra?.reason),
		...(fields ? { fields: translateFields(fields, locale) } : {}),
		...(extra ? { extra } : {}),
		...(retryAfterSeconds ? { retryAfterSeconds } : {})
	};
}

/** "Try again in 40 seconds" (or minutes): what a person who was slowed down reads. */
export function retryMessage(retryAfterSeconds: number, locale?: Locale): string {
	if (retryAfterSeconds < 60)
		return translate('error_rate_limited_seconds', locale, { seconds: retryAfterSeconds });
	return translate('error_rate_limited_retry', locale, {
		minutes: Math.ceil(retryAfterSeconds / 60)
	});
}
