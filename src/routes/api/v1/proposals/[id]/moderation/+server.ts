import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { moderateProposal } from '$lib/server/consultations/proposals';
import { moderateProposalSchema } from '$lib/shared/schemas/consultations';

/** A coordinator shows a hidden proposal again, or removes it. */
export const POST = endpoint(async (event) => {
	const { decision } = await readJson(event.request, moderateProposalSchema);
	return json({
		proposal: await moderateProposal(await actorOf(event), idParam(event.params.id), decision)
	});
});
