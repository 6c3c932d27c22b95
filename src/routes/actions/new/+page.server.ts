import { redirect } from '@sveltejs/kit';
import { addPartner } from '$lib/server/actions/partners';
import { createAction, listTargetGroups } from '$lib/server/actions/service';
import { DomainError } from '$lib/server/errors';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { myOrganisations } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { createActionSchema, invitePartnerSchema } from '$lib/shared/schemas/actions';
import { idSchema } from '$lib/shared/schemas/common';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

/** The organisations the person may lead an action for: verified, as their coordinator. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		if (!actor) throw new DomainError('unauthenticated');
		const [organisations, territories, targetGroups] = await Promise.all([
			myOrganisations(actor),
			listTerritories(),
			listTargetGroups()
		]);
		return {
			organisations: organisations.filter(
				(o) => actor.roles.get(o.id) === 'coordinator' && o.status === 'verified'
			),
			territories,
			targetGroups
		};
	});

export const actions: Actions = {
	plan: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(event.request, createActionSchema, (input) =>
			createAction(actor, input)
		);
		if ('id' in result) redirect(303, `/actions/${result.id}?planned`);
		return result;
	},
	/** From a clash warning: ask to join the other organisation's action instead. */
	join: async (event) => {
		const actor = await actorOf(event);
		const schema = invitePartnerSchema.extend({ actionId: idSchema });
		const result = await handleForm(
			event.request,
			schema,
			async ({ actionId, organisationId }: z.infer<typeof schema>) => {
				await addPartner(actor, actionId, organisationId);
				return { actionId };
			},
			{ form: 'join' }
		);
		if ('actionId' in result) redirect(303, `/actions/${result.actionId}?asked`);
		return result;
	}
};
