import type { RequestEvent } from '@sveltejs/kit';
import { DEVICE_COOKIE, DEVICE_HEADER, wellFormedDevice } from '../auth/login-throttle';
import type { RequestOrigin } from '../auth/service';

/** A short, non-identifying description of the browser ("Firefox on Android"), for the session list. */
export function describeDevice(userAgent: string | null): string {
	if (!userAgent) return '';
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /Firefox\//.test(userAgent)
			? 'Firefox'
			: /Chrom(e|ium)\//.test(userAgent)
				? 'Chrome'
				: /Safari\//.test(userAgent)
					? 'Safari'
					: '';
	const system = /Android/.test(userAgent)
		? 'Android'
		: /iPhone|iPad/.test(userAgent)
			? 'iOS'
			: /Windows/.test(userAgent)
				? 'Windows'
				: /Mac OS X/.test(userAgent)
					? 'macOS'
					: /Linux/.test(userAgent)
						? 'Linux'
						: '';
	return [browser, system].filter(Boolean).join(' · ');
}

export function requestOrigin(event: RequestEvent): RequestOrigin {
	let ip = 'unknown';
	try {
		ip = event.getClientAddress();
	} catch {
		// Not every host can tell (e.g. some test harnesses); limits then share one bucket.
	}
	return {
		ip,
		device: describeDevice(event.request.headers.get('user-agent')),
		deviceToken:
			wellFormedDevice(event.cookies.get(DEVICE_COOKIE)) ??
			wellFormedDevice(event.request.headers.get(DEVICE_HEADER))
	};
}
