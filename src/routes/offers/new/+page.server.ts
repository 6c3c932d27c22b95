import { redirect } from '@sveltejs/kit';
import { listCategories, listSkills } from '$lib/server/administration/service';
import { DomainError } from '$lib/server/errors';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { canOfferFor } from '$lib/server/offers/policy';
import { createOffer } from '$lib/server/offers/service';
import { myOrganisations } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { createOfferSchema } from '$lib/shared/schemas/offers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		if (!actor) throw new DomainError('unauthenticated');
		const [categories, territories, skills, organisations] = await Promise.all([
			listCategories(),
			listTerritories(),
			listSkills(),
			myOrganisations(actor)
		]);
		return {
			categories,
			territories,
			skills,
			organisations: organisations.filter(
				(o) => canOfferFor(actor, o.id) && o.status !== 'rejected'
			)
		};
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(event.request, createOfferSchema, (input) =>
			createOffer(actor, input)
		);
		if ('id' in result) redirect(303, `/offers/${result.id}?posted`);
		return result;
	}
};
