import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getOffer, setOfferStatus, updateOffer } from '$lib/server/offers/service';
import { offerStatusSchema, updateOfferSchema } from '$lib/shared/schemas/offers';

export const GET = endpoint(async (event) =>
	json({ offer: await getOffer(await actorOf(event), idParam(event.params.id)) })
);

/** Its author (or its organisation's coordinators): what it says; who it is for stays. */
export const PUT = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, updateOfferSchema);
	const actor = await actorOf(event);
	await updateOffer(actor, id, input);
	return json({ offer: await getOffer(actor, id) });
});

/** Pause, reopen or close: `{ status }`. */
export const PATCH = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { status } = await readJson(event.request, offerStatusSchema);
	const actor = await actorOf(event);
	await setOfferStatus(actor, id, status);
	return json({ offer: await getOffer(actor, id) });
});
