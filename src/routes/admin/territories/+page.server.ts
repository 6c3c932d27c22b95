import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import {
	createTerritory,
	deleteTerritory,
	listTerritories,
	renameTerritory
} from '$lib/server/territories/service';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import { createTerritorySchema, renameTerritorySchema } from '$lib/shared/schemas/territories';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => ({ territories: await listTerritories() }));

export const actions: Actions = {
	create: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			createTerritorySchema,
			async (input) => {
				await createTerritory(actor, input);
				return { form: 'create', success: m.territory_created({ name: input.name }) };
			},
			{ form: 'create' }
		);
	},
	rename: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			renameTerritorySchema.extend({ id: idSchema }),
			async (input) => {
				await renameTerritory(actor, input.id, input.name);
				return { form: 'list', success: m.territory_renamed({ name: input.name }) };
			},
			{ form: 'list' }
		);
	},
	remove: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ id: idSchema }),
			async (input) => {
				await deleteTerritory(actor, input.id);
				return { form: 'list', success: m.territory_deleted() };
			},
			{ form: 'list' }
		);
	}
};
