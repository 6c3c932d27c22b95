import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getNeedHistory } from '$lib/server/needs/service';

export const GET = endpoint(async (event) => {
	const items = await getNeedHistory(await actorOf(event), idParam(event.params.id));
	return json({ items, nextCursor: null });
});
