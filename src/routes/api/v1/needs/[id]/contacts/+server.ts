import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { listContacts, logContact } from '$lib/server/needs/contacts';
import { logContactSchema } from '$lib/shared/schemas/contacts';

export const GET = endpoint(async (event) =>
	json(await listContacts(await actorOf(event), idParam(event.params.id)))
);

/** `409 conflict` (`recently_reached`) when someone reached the person lately, unless `confirm`. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, logContactSchema);
	return json({ contact: await logContact(await actorOf(event), id, input) }, { status: 201 });
});
