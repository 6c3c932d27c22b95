import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { answerProposal } from '$lib/server/consultations/proposals';
import { answerProposalSchema } from '$lib/shared/schemas/consultations';

/** The organisation's coordinators answer; the author and supporters are told. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, answerProposalSchema);
	return json({
		proposal: await answerProposal(await actorOf(event), idParam(event.params.id), input)
	});
});
