import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { createOffer, getOffer, listOffers } from '$lib/server/offers/service';
import { createOfferSchema, offersQuerySchema } from '$lib/shared/schemas/offers';

export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, offersQuerySchema);
	return json(await listOffers(await actorOf(event), query));
});

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createOfferSchema);
	const actor = await actorOf(event);
	const { id } = await createOffer(actor, input);
	return json({ offer: await getOffer(actor, id) }, { status: 201 });
});
