import { json } from '@sveltejs/kit';
import { addReach, getReach } from '$lib/server/actions/work';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { reachSchema } from '$lib/shared/schemas/actions';

/** The totals (by place and day, against the goal); each entry only for those taking part. */
export const GET = endpoint(async (event) =>
	json({ reach: await getReach(await actorOf(event), idParam(event.params.id)) })
);

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, reachSchema);
	const reach = await addReach(await actorOf(event), idParam(event.params.id), input);
	return json({ reach }, { status: 201 });
});
