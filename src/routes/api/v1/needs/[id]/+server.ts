import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getNeed } from '$lib/server/needs/service';

export const GET = endpoint(async (event) => {
	return json({ need: await getNeed(await actorOf(event), idParam(event.params.id)) });
});
