import { redirect } from '@sveltejs/kit';
import { signup } from '$lib/server/auth/service';
import { handleForm } from '$lib/server/http/forms';
import { requestOrigin } from '$lib/server/http/request-origin';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { startBrowserSession } from '$lib/server/http/session-cookie';
import { getLocale } from '$lib/paraglide/runtime';
import { signupSchema } from '$lib/shared/schemas/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async (event) => {
		const result = await handleForm(event.request, signupSchema, async (input) => {
			const signedIn = await signup(
				{ ...input, locale: input.locale ?? getLocale() },
				requestOrigin(event)
			);
			startBrowserSession(event.cookies, signedIn);
			return null;
		});
		if (result) return result;
		redirect(303, safeRedirectTarget(event.url.searchParams.get('next')));
	}
};
