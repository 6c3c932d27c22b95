import { findPeople, setAdministrator } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import { administratorSchema } from '$lib/shared/schemas/administration';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
		return { q, people: await findPeople(await actorOf(event), q) };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, administratorSchema, async (input) => {
			await setAdministrator(actor, input.userId, input.isAdmin);
			return { success: input.isAdmin ? m.admin_granted() : m.admin_revoked() };
		});
	}
};
