import { redirect } from '@sveltejs/kit';
import { listCategories, listSkills } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { offerToEdit, updateOffer } from '$lib/server/offers/service';
import { listTerritories } from '$lib/server/territories/service';
import { updateOfferSchema } from '$lib/shared/schemas/offers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const offer = await offerToEdit(actor, pageId(event.params.id));
		const [categories, territories, skills] = await Promise.all([
			listCategories(),
			listTerritories(),
			listSkills()
		]);
		return { offer, categories, territories, skills };
	});

export const actions: Actions = {
	default: async (event) => {
		const id = pageId(event.params.id);
		const actor = await actorOf(event);
		const result = await handleForm(event.request, updateOfferSchema, async (input) => {
			await updateOffer(actor, id, input);
			return { id };
		});
		if ('id' in result) redirect(303, `/offers/${id}?edited`);
		return result;
	}
};
