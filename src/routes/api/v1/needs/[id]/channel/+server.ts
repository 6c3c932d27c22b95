import { json } from '@sveltejs/kit';
import { getChannel, openNeedChannel } from '$lib/server/channels/service';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

/** The need's channel, made on first use, for its organisation, helpers and author. */
export const POST = endpoint(async (event) => {
	const actor = await actorOf(event);
	const channelId = await openNeedChannel(actor, idParam(event.params.id));
	return json({ channel: await getChannel(actor, channelId) });
});
