import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { describeError, DomainError, errorMessage, retryMessage } from '../errors';
import { idParam } from './context';

/**
 * Runs a page's load with the same rules as the API: someone not signed in is sent to log in
 * (and back), and every other refusal is an error page with the API's status (what the person
 * may not see is a 404, someone slowed down is told when to try again).
 */
export async function guardPage<T>(
	event: Pick<RequestEvent, 'url'>,
	load: () => Promise<T>
): Promise<T> {
	try {
		return await load();
	} catch (e) {
		if (!(e instanceof DomainError)) throw e;
		if (e.code === 'unauthenticated') {
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		const { status, code, message, retryAfterSeconds } = describeError(e);
		if (code === 'rate_limited' && retryAfterSeconds)
			error(status, retryMessage(retryAfterSeconds));
		error(status, message);
	}
}

/** An id from a page's path: anything that is not one of ours is a 404 page, in loads and actions alike. */
export function pageId(value: string | undefined): string {
	try {
		return idParam(value);
	} catch {
		error(404, errorMessage('not_found'));
	}
}
