import { z } from 'zod';
import { verifyEmail } from '$lib/server/auth/email-verification';
import { handleForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

// Opening the link changes nothing (mail scanners open links before people do): the button does.
export const load: PageServerLoad = ({ locals }) => ({ signedIn: locals.user !== null });

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, z.object({}), async () => {
			const user = await verifyEmail(event.params.token);
			return { verified: user.email };
		})
};
