import { listSkills } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { getOwnProfile, updateOwnProfile } from '$lib/server/people/service';
import { listTerritories } from '$lib/server/territories/service';
import { m } from '$lib/paraglide/messages';
import { updateProfileSchema } from '$lib/shared/schemas/people';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const [profile, territories, skills] = await Promise.all([
			getOwnProfile(actor),
			listTerritories(),
			listSkills()
		]);
		return { profile, territories, skills };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, updateProfileSchema, async (input) => {
			await updateOwnProfile(actor, input);
			return { success: m.profile_saved() };
		});
	}
};
