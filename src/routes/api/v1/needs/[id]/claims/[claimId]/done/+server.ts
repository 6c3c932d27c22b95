import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { finishClaim } from '$lib/server/needs/claim-endings';
import { getNeed } from '$lib/server/needs/service';
import { finishClaimSchema } from '$lib/shared/schemas/needs';

/** A helper ends their own claim as `done` or `could_not`; nobody else's claim changes. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const claimId = idParam(event.params.claimId);
	const actor = await actorOf(event);
	const input = await readJson(event.request, finishClaimSchema);
	const claim = await finishClaim(actor, id, claimId, input);
	return json({
		claim: { id: claim.claimId, result: claim.result },
		need: await getNeed(actor, id)
	});
});
