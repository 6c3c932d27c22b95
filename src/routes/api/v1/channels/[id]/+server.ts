import { json } from '@sveltejs/kit';
import { getChannel } from '$lib/server/channels/service';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

export const GET = endpoint(async (event) =>
	json({ channel: await getChannel(await actorOf(event), idParam(event.params.id)) })
);
