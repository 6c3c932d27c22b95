import { json } from '@sveltejs/kit';
import { addPartner } from '$lib/server/actions/partners';
import { getAction } from '$lib/server/actions/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { invitePartnerSchema } from '$lib/shared/schemas/actions';

/** The lead's coordinators invite an organisation; its own coordinators ask to join. */
export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { organisationId } = await readJson(event.request, invitePartnerSchema);
	const actor = await actorOf(event);
	await addPartner(actor, id, organisationId);
	return json({ action: await getAction(actor, id) }, { status: 201 });
});
