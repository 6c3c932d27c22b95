import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { resendVerification } from '$lib/server/auth/email-verification';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return { email: locals.user.email, verified: locals.user.emailVerified };
};

export const actions: Actions = {
	/** "Send the link again", from the banner of every page. */
	resend: async (event) => {
		if (!event.locals.user) redirect(303, '/login?next=/verify-email');
		const actor = await actorOf(event);
		return handleForm(event.request, z.object({}), async () => {
			const { email } = await resendVerification(actor);
			return { success: m.verify_resent({ email }) };
		});
	}
};
