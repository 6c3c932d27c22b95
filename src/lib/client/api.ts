import { m } from '$lib/paraglide/messages';

/** An answer of the API that is not a success: its message is in the person's language. */
export class ApiError extends Error {}

/**
 * A call to Rete's API from the browser, with the session's cookie: the answer's JSON, or an
 * `ApiError` carrying the API's message. A network failure stays a `TypeError` (callers that
 * retry look for it).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(path, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const json = await res.json().catch(() => ({}));
	if (!res.ok) throw new ApiError(json?.error?.message ?? m.error_internal());
	return json as T;
}

/** What to tell the person about a call that failed, in their language. */
export function failureMessage(error: unknown): string {
	return error instanceof ApiError ? error.message : m.error_internal();
}
