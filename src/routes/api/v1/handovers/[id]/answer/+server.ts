import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { answerHandover } from '$lib/server/needs/handovers';
import { answerHandoverSchema } from '$lib/shared/schemas/handovers';

/** `{ accept, note? }` from the holder; `409 conflict` (`handover_answered`) when already settled. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, answerHandoverSchema);
	return json({ handover: await answerHandover(await actorOf(event), id, input) });
});
