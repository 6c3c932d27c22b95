import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { follow } from '$lib/server/consultations/service';

/** 204: the caller is told when its phase changes and its commitments move. */
export const PUT = endpoint(async (event) => {
	await follow(await actorOf(event), idParam(event.params.id), true);
	return new Response(null, { status: 204 });
});

export const DELETE = endpoint(async (event) => {
	await follow(await actorOf(event), idParam(event.params.id), false);
	return new Response(null, { status: 204 });
});
