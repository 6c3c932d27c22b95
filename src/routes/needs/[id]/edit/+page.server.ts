import { redirect } from '@sveltejs/kit';
import { listCategories } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { canNeed } from '$lib/server/needs/policy';
import { getNeed, updateNeed } from '$lib/server/needs/service';
import { listTerritories } from '$lib/server/territories/service';
import { DomainError } from '$lib/server/errors';
import { updateNeedSchema } from '$lib/shared/schemas/needs';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const need = await getNeed(actor, pageId(event.params.id), 'page');
		if (!canNeed(actor, 'edit', need)) throw new DomainError('forbidden');
		const [categories, territories] = await Promise.all([listCategories(), listTerritories()]);
		return { need, categories, territories };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(event.request, updateNeedSchema, async (input) => {
			await updateNeed(actor, id, input);
			return { saved: true as const };
		});
		if ('saved' in result) redirect(303, `/needs/${id}`);
		return result;
	}
};
