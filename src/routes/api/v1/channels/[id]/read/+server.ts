import { json } from '@sveltejs/kit';
import { markRead } from '$lib/server/channels/messages';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { readMarkerSchema } from '$lib/shared/schemas/channels';

/** `{ seq }`: everything up to `seq` is read; the marker never moves back. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { seq } = await readJson(event.request, readMarkerSchema);
	return json(await markRead(await actorOf(event), id, seq));
});
