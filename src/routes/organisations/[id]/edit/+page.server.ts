import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { canOrganisation } from '$lib/server/orgs/policy';
import { getOrganisation, updateOrganisation } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { updateOrganisationSchema } from '$lib/shared/schemas/orgs';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const organisation = await getOrganisation(actor, pageId(event.params.id));
		if (!canOrganisation(actor, 'edit', organisation))
			throw new DomainError(actor ? 'forbidden' : 'unauthenticated');
		return { organisation, territories: await listTerritories() };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(event.request, updateOrganisationSchema, (input) =>
			updateOrganisation(actor, id, input)
		);
		if ('id' in result) redirect(303, `/organisations/${id}`);
		return result;
	}
};
