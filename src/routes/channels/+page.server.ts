import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { searchMessages } from '$lib/server/channels/messages';
import { peopleByEmail } from '$lib/server/channels/people';
import { createChannel, joinTerritoryChannel, listChannels } from '$lib/server/channels/service';
import { listTerritories } from '$lib/server/territories/service';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { fieldKeys } from '$lib/server/input';
import { guardPage } from '$lib/server/http/pages';
import { DomainError } from '$lib/server/errors';
import { listOrganisations } from '$lib/server/orgs/service';
import { createChannelSchema, searchMessagesSchema } from '$lib/shared/schemas/channels';
import { idSchema } from '$lib/shared/schemas/common';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		const actor = await actorOf(event);
		const search = filtersFrom(event.url, searchMessagesSchema.partial());
		const coordinated = [...actor!.roles].filter(([, role]) => role === 'coordinator');
		const [channels, results, directory, territories] = await Promise.all([
			listChannels(actor),
			search.q && search.q.length >= 2 ? searchMessages(actor, search.q, 30) : null,
			coordinated.length ? listOrganisations(actor, { limit: 100, status: 'verified' }) : null,
			listTerritories()
		]);
		return {
			channels,
			me: actor!.id,
			q: search.q ?? '',
			results,
			// A joint channel is opened by a coordinator, for their organisation and others.
			ownOrganisations: (directory?.items ?? []).filter((o) => o.myRole === 'coordinator'),
			otherOrganisations: (directory?.items ?? []).filter((o) => o.myRole !== 'coordinator'),
			territories
		};
	});

/** The form's people are e-mail addresses; the API's are ids. */
const formSchema = z.object({
	kind: z.string().optional(),
	name: z.string().optional(),
	emails: z.string().max(5000, 'v_too_long').default(''),
	ownOrganisation: z.string().optional(),
	organisationIds: z.union([z.string(), z.array(z.string())]).optional()
});

/** Signed out, a form is never read, let alone its addresses looked up: off to the login. */
function signedIn(event: RequestEvent) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
}

export const actions: Actions = {
	area: async (event) => {
		signedIn(event);
		const actor = await actorOf(event);
		const result = await handleForm(
			event.request,
			z.object({ territoryId: idSchema }),
			async ({ territoryId }) => ({ id: await joinTerritoryChannel(actor, territoryId) }),
			{ form: 'area' }
		);
		if ('id' in result) redirect(303, `/channels/${result.id}`);
		return result;
	},
	create: async (event) => {
		signedIn(event);
		const actor = await actorOf(event);
		const result = await handleForm(
			event.request,
			formSchema,
			async (form) => {
				const members = await peopleByEmail(actor, form.emails, 'emails');
				const others = [form.organisationIds ?? []].flat();
				const parsed = createChannelSchema.safeParse({
					kind: form.kind,
					name: form.name ?? '',
					members,
					organisationIds:
						form.kind === 'joint' ? [form.ownOrganisation, ...others].filter(Boolean) : []
				});
				if (!parsed.success) {
					// The form names people by e-mail and organisations by two fields.
					const fields = Object.fromEntries(
						Object.entries(fieldKeys(parsed.error)).map(([k, v]) => [
							k.startsWith('members')
								? 'emails'
								: k.startsWith('organisationIds')
									? 'ownOrganisation'
									: k,
							v
						])
					);
					throw new DomainError('invalid_input', { fields });
				}
				return { id: (await createChannel(actor, parsed.data)).id };
			},
			{ form: 'create' }
		);
		if ('id' in result) redirect(303, `/channels/${result.id}`);
		return result;
	}
};
