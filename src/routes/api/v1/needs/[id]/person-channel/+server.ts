import { json } from '@sveltejs/kit';
import { getChannel, openPersonKeyChannel } from '$lib/server/channels/service';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

/** A joint channel with the other organisations that follow the same person (person key). */
export const POST = endpoint(async (event) => {
	const actor = await actorOf(event);
	const channelId = await openPersonKeyChannel(actor, idParam(event.params.id));
	return json({ channel: await getChannel(actor, channelId) });
});
