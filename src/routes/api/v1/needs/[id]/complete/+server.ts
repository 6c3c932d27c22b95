import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { completeNeed, getNeed } from '$lib/server/needs/service';
import { completeNeedSchema } from '$lib/shared/schemas/needs';

export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, completeNeedSchema);
	const actor = await actorOf(event);
	await completeNeed(actor, id, input);
	return json({ need: await getNeed(actor, id) });
});
