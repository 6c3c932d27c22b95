import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { blockPerson, unblockPerson } from '$lib/server/people/blocks';

/** Blocks the person: they can no longer add the caller to groups or organisations, or message them. */
export const POST = endpoint(async (event) => {
	await blockPerson(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});

export const DELETE = endpoint(async (event) => {
	await unblockPerson(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});
