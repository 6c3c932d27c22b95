import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { reportProposal } from '$lib/server/consultations/proposals';
import { reportProposalSchema } from '$lib/shared/schemas/consultations';

/** 201 `{ hidden }`: the third report from different people hides it until a coordinator looks. */
export const POST = endpoint(async (event) => {
	const { reason } = await readJson(event.request, reportProposalSchema);
	return json(await reportProposal(await actorOf(event), idParam(event.params.id), reason), {
		status: 201
	});
});
