/**
 * A call to Rete's API from the browser, with the session's cookie: the answer's JSON, or an
 * error carrying the API's message (already in the person's language).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(path, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const json = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(json?.error?.message ?? res.statusText);
	return json as T;
}
