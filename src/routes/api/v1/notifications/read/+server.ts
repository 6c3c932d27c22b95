import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { markNotificationsRead } from '$lib/server/notifications/service';
import { markReadSchema } from '$lib/shared/schemas/notifications';

/** `{ ids? }`: those notifications (or all) are read. */
export const POST = endpoint(async (event) => {
	const { ids } = await readJson(event.request, markReadSchema);
	return json(await markNotificationsRead(await actorOf(event), ids));
});
