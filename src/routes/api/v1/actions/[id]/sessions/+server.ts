import { json } from '@sveltejs/kit';
import { loadAction } from '$lib/server/actions/service';
import { createSession, sessionsOf } from '$lib/server/actions/sessions';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { createSessionSchema } from '$lib/shared/schemas/actions';

export const GET = endpoint(async (event) => {
	const { action } = await loadAction(await actorOf(event), idParam(event.params.id));
	return json({ items: await sessionsOf(action.id) });
});

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createSessionSchema);
	const session = await createSession(await actorOf(event), idParam(event.params.id), input);
	return json({ session }, { status: 201 });
});
