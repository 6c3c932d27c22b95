import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getPoll } from '$lib/server/consultations/polls';

export const GET = endpoint(async (event) =>
	json({ poll: await getPoll(await actorOf(event), idParam(event.params.id)) })
);
