import { m } from '$lib/paraglide/messages';

export type Locale = 'it' | 'en';
type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** Whether a message key exists (in both languages: Paraglide generates them together). */
export const hasMessage = (key: string) => messages[key] !== undefined;

/**
 * A message key ("v_email", "error_not_found") in the asker's language (the request's when not
 * given); unknown keys pass through.
 */
export function translate(
	key: string,
	locale?: Locale,
	inputs: Record<string, unknown> = {}
): string {
	const fn = messages[key];
	return fn ? fn(inputs, locale ? { locale } : undefined) : key;
}

/** Fields of a domain error hold message keys: translate them. */
export function translateFields(fields: Record<string, string>, locale?: Locale) {
	return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translate(v, locale)]));
}
