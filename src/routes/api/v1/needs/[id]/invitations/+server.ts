import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { inviteToNeed } from '$lib/server/matching/service';
import { inviteSchema } from '$lib/shared/schemas/matching';

/** `{ userId }`: the need's organisation's staff invite a suggested person (a notification). */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { userId } = await readJson(event.request, inviteSchema);
	await inviteToNeed(await actorOf(event), id, userId);
	return json({ invited: { needId: id, userId } }, { status: 201 });
});
