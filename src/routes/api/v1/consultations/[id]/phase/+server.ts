import { json } from '@sveltejs/kit';
import { movePhase } from '$lib/server/consultations/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { movePhaseSchema } from '$lib/shared/schemas/consultations';

/** The organisation's coordinators move to a phase now: `{ consultation }`. */
export const POST = endpoint(async (event) => {
	const { kind } = await readJson(event.request, movePhaseSchema);
	const consultation = await movePhase(await actorOf(event), idParam(event.params.id), kind);
	return json({ consultation });
});
