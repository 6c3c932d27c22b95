import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getNeed, updateNeed } from '$lib/server/needs/service';
import { updateNeedSchema } from '$lib/shared/schemas/needs';

export const GET = endpoint(async (event) => {
	return json({ need: await getNeed(await actorOf(event), idParam(event.params.id)) });
});

/** Authors and coordinators: the need's own fields (parts and visibility stay as posted). */
export const PUT = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, updateNeedSchema);
	const actor = await actorOf(event);
	await updateNeed(actor, id, input);
	return json({ need: await getNeed(actor, id) });
});
