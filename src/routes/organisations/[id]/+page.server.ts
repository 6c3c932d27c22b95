import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { myPendingRequest, requestToJoin } from '$lib/server/orgs/join-requests';
import { removeMember } from '$lib/server/orgs/members';
import { canOrganisation } from '$lib/server/orgs/policy';
import { getOrganisation, reviewOrganisation } from '$lib/server/orgs/service';
import { m } from '$lib/paraglide/messages';
import { joinRequestSchema, reviewOrganisationSchema } from '$lib/shared/schemas/orgs';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const organisation = await getOrganisation(actor, pageId(event.params.id));
		return {
			organisation,
			signedIn: actor !== null,
			pendingRequest: await myPendingRequest(actor, organisation.id),
			can: {
				edit: canOrganisation(actor, 'edit', organisation),
				viewMembers: canOrganisation(actor, 'viewMembers', organisation),
				viewQueue: canOrganisation(actor, 'viewQueue', organisation),
				requestToJoin: canOrganisation(actor, 'requestToJoin', organisation),
				leave: canOrganisation(actor, 'leave', organisation),
				review: canOrganisation(actor, 'review', organisation)
			}
		};
	});

export const actions: Actions = {
	join: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			joinRequestSchema,
			async (input) => {
				await requestToJoin(actor, id, input);
				return { form: 'join', success: m.org_join_sent() };
			},
			{ form: 'join' }
		);
	},
	leave: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(
			event.request,
			z.object({}),
			async () => {
				await removeMember(actor, id, actor?.id ?? '');
				return null;
			},
			{ form: 'leave' }
		);
		if (result) return result;
		redirect(303, '/organisations/mine');
	},
	review: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			reviewOrganisationSchema,
			async (input) => {
				await reviewOrganisation(actor, id, input);
				return {
					form: 'review',
					success: input.decision === 'verify' ? m.org_verified_done() : m.org_rejected_done()
				};
			},
			{ form: 'review' }
		);
	}
};
