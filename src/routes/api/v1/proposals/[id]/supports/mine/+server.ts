import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { withdrawSupport } from '$lib/server/consultations/proposals';

/** 204 while the supports phase is open. */
export const DELETE = endpoint(async (event) => {
	await withdrawSupport(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});
