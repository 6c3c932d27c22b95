import { json } from '@sveltejs/kit';
import { getChannel, joinTerritoryChannel } from '$lib/server/channels/service';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

/** Opting in to a territory's channel. */
export const POST = endpoint(async (event) => {
	const actor = await actorOf(event);
	const channelId = await joinTerritoryChannel(actor, idParam(event.params.id));
	return json({ channel: await getChannel(actor, channelId) });
});
