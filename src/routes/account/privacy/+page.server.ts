import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { endBrowserSession } from '$lib/server/http/session-cookie';
import { eraseAccount } from '$lib/server/privacy/erasure';
import { myPrivacyPage } from '$lib/server/privacy/service';
import { eraseAccountSchema } from '$lib/shared/schemas/privacy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => myPrivacyPage(await actorOf(event)));

export const actions: Actions = {
	erase: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(
			event.request,
			eraseAccountSchema,
			async (input) => {
				await eraseAccount(actor, input);
				return { erased: true as const };
			},
			{ form: 'erase' }
		);
		if ('erased' in result) {
			endBrowserSession(event.cookies);
			redirect(303, '/goodbye');
		}
		return result;
	}
};
