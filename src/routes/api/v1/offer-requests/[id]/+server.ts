import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { decideOfferRequest } from '$lib/server/offers/requests';
import { offerDecisionSchema } from '$lib/shared/schemas/offers';

/** `{ decision: accept | decline | cancel | done, note? }`: see docs/api.md. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, offerDecisionSchema);
	const request = await decideOfferRequest(await actorOf(event), idParam(event.params.id), input);
	return json({ request });
});
