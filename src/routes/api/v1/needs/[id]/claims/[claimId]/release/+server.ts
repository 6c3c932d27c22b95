import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { releaseStaleClaim } from '$lib/server/needs/claim-upkeep';
import { releaseClaimSchema } from '$lib/shared/schemas/needs';

/** A coordinator frees a slot nobody has worked on for STALE_CLAIM_DAYS; else `claim_not_stale`. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const claimId = idParam(event.params.claimId);
	const { reason } = await readJson(event.request, releaseClaimSchema);
	await releaseStaleClaim(await actorOf(event), id, claimId, reason);
	return new Response(null, { status: 204 });
});
