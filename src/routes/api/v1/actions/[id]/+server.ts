import { json } from '@sveltejs/kit';
import { getAction, updateAction } from '$lib/server/actions/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { updateActionSchema } from '$lib/shared/schemas/actions';

export const GET = endpoint(async (event) =>
	json({ action: await getAction(await actorOf(event), idParam(event.params.id)) })
);

/** The whole action as it should be; new dates or places are checked for clashes again. */
export const PUT = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, updateActionSchema);
	const actor = await actorOf(event);
	await updateAction(actor, id, input);
	return json({ action: await getAction(actor, id) });
});
