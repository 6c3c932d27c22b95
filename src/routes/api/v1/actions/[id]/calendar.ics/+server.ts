import { actionCalendar } from '$lib/server/actions/calendar';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

/** `text/calendar`: one event per session (signed out for public actions). */
export const GET = endpoint(async (event) => {
	const body = await actionCalendar(
		await actorOf(event),
		idParam(event.params.id),
		event.url.origin
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="azione.ics"'
		}
	});
});
