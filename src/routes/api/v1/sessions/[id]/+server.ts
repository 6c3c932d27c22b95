import { json } from '@sveltejs/kit';
import { getSession } from '$lib/server/actions/sessions';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

export const GET = endpoint(async (event) =>
	json({ session: await getSession(await actorOf(event), idParam(event.params.id)) })
);
