import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { listOrganisations, reviewOrganisation } from '$lib/server/orgs/service';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import { reviewOrganisationSchema } from '$lib/shared/schemas/orgs';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const reviewTarget = z.object({ organisationId: idSchema });

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const pending = await listOrganisations(actor, { status: 'pending', limit: 100 });
		return { pending: pending.items };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, reviewOrganisationSchema.and(reviewTarget), async (input) => {
			const org = await reviewOrganisation(actor, input.organisationId, input);
			return {
				organisationId: input.organisationId,
				success:
					input.decision === 'verify'
						? m.org_verified_named({ name: org.name })
						: m.org_rejected_named({ name: org.name })
			};
		});
	}
};
