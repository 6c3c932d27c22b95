import { json } from '@sveltejs/kit';
import { cancelSignup, mySignup } from '$lib/server/actions/sessions';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

export const GET = endpoint(async (event) =>
	json({ signup: await mySignup(await actorOf(event), idParam(event.params.id)) })
);

/** 204; a confirmed place freed goes to the first who waits, who is told. */
export const DELETE = endpoint(async (event) => {
	await cancelSignup(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});
