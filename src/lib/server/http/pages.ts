import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../errors';
import { idParam } from './context';
import { errorMessage } from './messages';

/**
 * Runs a page's load with the same rules as the API: someone not signed in is sent to log in
 * (and back), a refusal is a 403 page, and what the person may not see is a 404 page.
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
		if (e.code === 'forbidden') error(403, errorMessage('forbidden'));
		if (e.code === 'invalid_input') error(400, errorMessage('invalid_input'));
		error(404, errorMessage('not_found'));
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
