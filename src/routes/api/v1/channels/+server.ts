import { json } from '@sveltejs/kit';
import { createChannel, listChannels } from '$lib/server/channels/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { createChannelSchema } from '$lib/shared/schemas/channels';

export const GET = endpoint(async (event) =>
	json({ items: await listChannels(await actorOf(event)), nextCursor: null })
);

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createChannelSchema);
	return json({ channel: await createChannel(await actorOf(event), input) }, { status: 201 });
});
