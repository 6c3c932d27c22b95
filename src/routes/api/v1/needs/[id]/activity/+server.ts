import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { startActivity, stopActivity } from '$lib/server/needs/activities';
import { startActivitySchema } from '$lib/shared/schemas/activities';

/** Starts "I am calling this person now", or extends it by a full 15 minutes. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, startActivitySchema);
	return json({ activity: await startActivity(await actorOf(event), id, input) });
});

/** Ends the caller's activity on the need. */
export const DELETE = endpoint(async (event) => {
	await stopActivity(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});
