import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { reviewOrganisation } from '$lib/server/orgs/service';
import { reviewOrganisationSchema } from '$lib/shared/schemas/orgs';

/** Network administrators: `{ decision: "verify" }` or `{ decision: "reject", reason }`. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, reviewOrganisationSchema);
	return json({ organisation: await reviewOrganisation(await actorOf(event), id, input) });
});
