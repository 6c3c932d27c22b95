import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { listHandovers, requestHandover } from '$lib/server/needs/handovers';
import { requestHandoverSchema } from '$lib/shared/schemas/handovers';

export const GET = endpoint(async (event) =>
	json({ items: await listHandovers(await actorOf(event), idParam(event.params.id)) })
);

/**
 * `{ reason, claimId?, partId?, organisationId? }`: asks a holder to hand their slot over.
 * `409 conflict` with `part_has_room` (take the free slot), `handover_pending` or `already_helping`.
 */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, requestHandoverSchema);
	return json(
		{ handover: await requestHandover(await actorOf(event), id, input) },
		{ status: 201 }
	);
});
