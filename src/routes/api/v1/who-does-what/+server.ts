import { json } from '@sveltejs/kit';
import { whoDoesWhat } from '$lib/server/actions/who-does-what';
import { endpoint } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { actionsQuerySchema } from '$lib/shared/schemas/actions';

/** The 3W table across the network: `?territoryId=&kind=&from=&to=&targetGroupId=`. */
export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, actionsQuerySchema);
	return json(await whoDoesWhat(await actorOf(event), query));
});
