import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam, readQuery } from '$lib/server/http/context';
import { vouchFor, withdrawVouch } from '$lib/server/vouches/service';
import { vouchSchema } from '$lib/shared/schemas/vouches';

/** The administrators (no organisation) or a verified organisation's coordinators vouch for someone. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, vouchSchema);
	await vouchFor(await actorOf(event), idParam(event.params.id), input);
	return new Response(null, { status: 204 });
});

/** `?organisationId=` withdraws that organisation's vouch; without it, the network's. */
export const DELETE = endpoint(async (event) => {
	const { organisationId } = readQuery(event.url, vouchSchema.pick({ organisationId: true }));
	await withdrawVouch(await actorOf(event), idParam(event.params.id), organisationId);
	return new Response(null, { status: 204 });
});
