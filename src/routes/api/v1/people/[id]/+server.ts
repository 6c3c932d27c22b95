import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { viewPerson } from '$lib/server/people/service';

export const GET = endpoint(async (event) => {
	return json({ person: await viewPerson(await actorOf(event), idParam(event.params.id)) });
});
