import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { extendClaim } from '$lib/server/needs/claims';

export const POST = endpoint(async (event) => {
	const [id, claimId] = [idParam(event.params.id), idParam(event.params.claimId)];
	return json({ claim: await extendClaim(await actorOf(event), id, claimId) });
});
