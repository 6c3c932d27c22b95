import { json } from '@sveltejs/kit';
import { removeMember } from '$lib/server/channels/service';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

/** Removes a member, or (one's own id) leaves the channel. */
export const DELETE = endpoint(async (event) => {
	await removeMember(await actorOf(event), idParam(event.params.id), idParam(event.params.userId));
	return json({ ok: true });
});
