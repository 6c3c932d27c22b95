import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { updateCommitment } from '$lib/server/consultations/commitments';
import { commitmentProgressSchema } from '$lib/shared/schemas/consultations';

/** 204: its progress, and a dated milestone; followers are told. */
export const PATCH = endpoint(async (event) => {
	const input = await readJson(event.request, commitmentProgressSchema);
	await updateCommitment(await actorOf(event), idParam(event.params.id), input);
	return new Response(null, { status: 204 });
});
