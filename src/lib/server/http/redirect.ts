/**
 * Where to go after a form: a path on this site only, never another host (open redirects).
 * Browsers forgive a lot (tabs, backslashes, line breaks), so the target is resolved the way a
 * browser would and kept only if it stays on our origin.
 */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/')) return fallback;
	const base = 'http://rete.invalid';
	try {
		const url = new URL(target, base);
		if (url.origin !== base) return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}
