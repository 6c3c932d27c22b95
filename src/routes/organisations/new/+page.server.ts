import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { createOrganisation } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { createOrganisationSchema } from '$lib/shared/schemas/orgs';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		return { territories: await listTerritories() };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(event.request, createOrganisationSchema, (input) =>
			createOrganisation(actor, input)
		);
		if ('id' in result) redirect(303, `/organisations/${result.id}`);
		return result;
	}
};
