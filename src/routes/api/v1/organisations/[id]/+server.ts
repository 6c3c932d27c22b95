import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getOrganisation, updateOrganisation } from '$lib/server/orgs/service';
import { updateOrganisationSchema } from '$lib/shared/schemas/orgs';

export const GET = endpoint(async (event) => {
	const organisation = await getOrganisation(await actorOf(event), idParam(event.params.id));
	return json({ organisation });
});

export const PUT = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, updateOrganisationSchema);
	return json({ organisation: await updateOrganisation(await actorOf(event), id, input) });
});
