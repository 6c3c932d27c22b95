import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { requestOffer, requestsOfOffer } from '$lib/server/offers/requests';
import { loadOffer } from '$lib/server/offers/service';
import { offerRequestSchema } from '$lib/shared/schemas/offers';

/** All of them for those who answer them; one's own for anyone else who may see the offer. */
export const GET = endpoint(async (event) => {
	const actor = await actorOf(event);
	const { offer } = await loadOffer(actor, idParam(event.params.id));
	return json({ items: await requestsOfOffer(actor!, offer) });
});

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, offerRequestSchema);
	const request = await requestOffer(await actorOf(event), idParam(event.params.id), input);
	return json({ request }, { status: 201 });
});
