import type { z } from 'zod';
import { DomainError } from './errors';

// Half of a surrogate pair without its other half: JSON may carry one ("\udfff"), UTF-8 cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL cannot store: a NUL character, or a lone surrogate (not valid UTF-8). */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * The path of the first string PostgreSQL cannot store: refused at every boundary (JSON,
 * forms, query strings, sockets) before any schema or query sees it.
 */
export function unstorablePath(value: unknown, path: string[] = [], depth = 0): string | null {
	if (typeof value === 'string') return unstorable(value) ? path.join('.') || '_' : null;
	if (value === null || typeof value !== 'object' || depth > 20) return null;
	for (const [key, item] of Object.entries(value)) {
		const found = unstorablePath(item, [...path, key], depth + 1);
		if (found !== null) return found;
	}
	return null;
}

/**
 * Every invalid field at once, as `{ "a.b": "v_key" }`. Our schemas carry message keys (`v_…`,
 * `fmt_v_…`); zod's own issues (a wrong type, an unknown shape) get a generic one.
 */
export function fieldKeys(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const path = issue.path.join('.') || '_';
		if (path in fields) continue;
		const key = /^(fmt_)?v_/.test(issue.message)
			? issue.message
			: issue.code === 'invalid_type' && /undefined/.test(issue.message)
				? 'v_required'
				: 'v_invalid';
		fields[path] = key;
	}
	return fields;
}

/**
 * Input from outside (a JSON body, a form, a query string, a socket's payload) parsed by a shared
 * schema: every failure is `invalid_input` with a message key per field, never a crash.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const nul = unstorablePath(input);
	if (nul !== null) throw new DomainError('invalid_input', { fields: { [nul]: 'v_invalid' } });
	const result = schema.safeParse(input);
	if (!result.success) throw new DomainError('invalid_input', { fields: fieldKeys(result.error) });
	return result.data;
}
