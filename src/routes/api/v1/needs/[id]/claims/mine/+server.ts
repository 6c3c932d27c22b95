import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { releaseClaims } from '$lib/server/needs/claims';
import { releaseClaimSchema } from '$lib/shared/schemas/needs';

/** Gives back the caller's claims on the need; an optional `{ reason }` goes in the history. */
export const DELETE = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { reason } = await readJson(event.request, releaseClaimSchema);
	await releaseClaims(await actorOf(event), id, reason);
	return new Response(null, { status: 204 });
});
