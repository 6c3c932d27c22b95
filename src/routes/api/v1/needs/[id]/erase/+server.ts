import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { eraseNeed } from '$lib/server/privacy/retention';

/** Erases a closed need's personal data before its retention ends. */
export const POST = endpoint(async (event) => {
	await eraseNeed(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});
