import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { claimNeed } from '$lib/server/needs/claims';
import { claimSchema } from '$lib/shared/schemas/needs';

/** `{}` takes a slot of the first part with room; `{ partId }` a slot of that part. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { partId } = await readJson(event.request, claimSchema);
	return json({ claim: await claimNeed(await actorOf(event), id, partId) }, { status: 201 });
});
