import { fail, redirect } from '@sveltejs/kit';
import { login } from '$lib/server/auth/service';
import { handleForm } from '$lib/server/http/forms';
import { requestOrigin } from '$lib/server/http/request-origin';
import { startBrowserSession } from '$lib/server/http/session-cookie';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { m } from '$lib/paraglide/messages';
import { loginSchema } from '$lib/shared/schemas/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('next')));
};

export const actions: Actions = {
	default: async (event) => {
		const result = await handleForm(event.request, loginSchema, async (input) => {
			const signedIn = await login(input, requestOrigin(event));
			startBrowserSession(event.cookies, signedIn);
			return null;
		});
		// Unknown e-mail and wrong password read the same, and so does a malformed address.
		if (result) {
			if (result.status === 429) return result;
			return fail(401, { message: m.login_failed(), fields: {}, values: result.data.values });
		}
		redirect(303, safeRedirectTarget(event.url.searchParams.get('next')));
	}
};
