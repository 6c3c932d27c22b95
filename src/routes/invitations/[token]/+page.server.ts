import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { acceptInvitation, readInvitation } from '$lib/server/orgs/invitations';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const invitation = await readInvitation(event.params.token);
		const user = event.locals.user;
		return {
			invitation: { ...invitation, email: invitation.email },
			signedIn: user !== null,
			sameEmail: user?.email === invitation.email,
			emailVerified: user?.emailVerified ?? false
		};
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(event.request, z.object({}), () =>
			acceptInvitation(actor, event.params.token)
		);
		if ('organisationId' in result) redirect(303, `/organisations/${result.organisationId}`);
		return result;
	}
};
