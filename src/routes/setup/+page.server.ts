import { redirect } from '@sveltejs/kit';
import { setUpNetwork } from '$lib/server/auth/service';
import { handleForm } from '$lib/server/http/forms';
import { requestOrigin } from '$lib/server/http/request-origin';
import { startBrowserSession } from '$lib/server/http/session-cookie';
import { forgetNetworkCache } from '$lib/server/network/service';
import { getLocale } from '$lib/paraglide/runtime';
import { setupSchema } from '$lib/shared/schemas/accounts';
import type { Actions } from './$types';

// The page exists only while the network is not set up (hooks.server.ts sends it away after).
export const actions: Actions = {
	default: async (event) => {
		const result = await handleForm(event.request, setupSchema, async (input) => {
			const signedIn = await setUpNetwork(
				{ ...input, locale: input.locale ?? getLocale() },
				requestOrigin(event)
			);
			forgetNetworkCache();
			startBrowserSession(event.cookies, signedIn);
			return null;
		});
		if (result) return result;
		redirect(303, '/');
	}
};
