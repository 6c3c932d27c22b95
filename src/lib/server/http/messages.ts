import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { ErrorCode } from '../errors';

type Locale = 'it' | 'en';
type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** A message key ("v_email", "error_not_found") in the asker's language; unknown keys pass through. */
export function translate(
	key: string,
	locale?: Locale,
	inputs: Record<string, unknown> = {}
): string {
	const fn = messages[key];
	return fn ? fn(inputs, locale ? { locale } : undefined) : key;
}

/**
 * The sentence for an error, in the asker's language: the specific reason when there is one
 * ("reason_last_coordinator"), otherwise the code's general sentence.
 */
export function errorMessage(code: ErrorCode, locale?: Locale, reason?: unknown): string {
	if (typeof reason === 'string' && messages[`reason_${reason}`])
		return translate(`reason_${reason}`, locale);
	return translate(`error_${code}`, locale);
}

/**
 * Every invalid field at once, as `{ "a.b": "v_key" }`. Our schemas carry message keys;
 * zod's own issues (a wrong type, an unknown shape) get a generic one.
 */
export function fieldKeys(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const path = issue.path.join('.') || '_';
		if (path in fields) continue;
		const key = issue.message.startsWith('v_')
			? issue.message
			: issue.code === 'invalid_type' && /undefined/.test(issue.message)
				? 'v_required'
				: 'v_invalid';
		fields[path] = key;
	}
	return fields;
}

/** Domain fields hold message keys: translate them. */
export function translateFields(fields: Record<string, string>, locale?: Locale) {
	return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translate(v, locale)]));
}
