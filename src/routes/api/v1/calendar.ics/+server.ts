import { networkCalendar } from '$lib/server/actions/calendar';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { getNetwork } from '$lib/server/network/service';

/** The network's calendar of actions and sessions (signed out: public ones). */
export const GET = endpoint(async (event) => {
	const network = await getNetwork();
	const body = await networkCalendar(
		await actorOf(event),
		event.url.origin,
		network?.name ?? 'Rete'
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="calendario.ics"'
		}
	});
});
