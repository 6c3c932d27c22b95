import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { decideJoinRequest } from '$lib/server/orgs/join-requests';
import { decideJoinRequestSchema } from '$lib/shared/schemas/orgs';

/** `{ decision: "approve" | "decline", role? }` */
export const POST = endpoint(async (event) => {
	const [id, requestId] = [idParam(event.params.id), idParam(event.params.requestId)];
	const input = await readJson(event.request, decideJoinRequestSchema);
	return json({ joinRequest: await decideJoinRequest(await actorOf(event), id, requestId, input) });
});
