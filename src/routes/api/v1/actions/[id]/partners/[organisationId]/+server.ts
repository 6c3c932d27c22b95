import { json } from '@sveltejs/kit';
import { answerPartner } from '$lib/server/actions/partners';
import { getAction } from '$lib/server/actions/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { partnerDecisionSchema } from '$lib/shared/schemas/actions';

/** `{ decision }`: the side that was asked answers, once (409 `already_answered`). */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const organisationId = idParam(event.params.organisationId);
	const { decision } = await readJson(event.request, partnerDecisionSchema);
	const actor = await actorOf(event);
	await answerPartner(actor, id, organisationId, decision);
	return json({ action: await getAction(actor, id) });
});
