import { listCategories, listSkills } from '$lib/server/administration/service';
import { actorOf, idParam } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { offerPage } from '$lib/server/offers/offer-page';
import { decideOfferRequest, requestOffer } from '$lib/server/offers/requests';
import { setOfferStatus } from '$lib/server/offers/service';
import { idSchema } from '$lib/shared/schemas/common';
import {
	offerDecisionSchema,
	offerRequestSchema,
	offerStatusSchema
} from '$lib/shared/schemas/offers';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const [page, categories, skills] = await Promise.all([
			offerPage(actor, pageId(event.params.id)),
			listCategories(),
			listSkills()
		]);
		return {
			...page,
			categories,
			skills: skills.filter((s) => page.offer.skillIds.includes(s.id)),
			posted: event.url.searchParams.has('posted'),
			edited: event.url.searchParams.has('edited')
		};
	});

export const actions: Actions = {
	ask: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			offerRequestSchema,
			async (input) => {
				await requestOffer(actor, idParam(event.params.id), input);
				return { form: 'ask', success: m.offer_asked() };
			},
			{ form: 'ask' }
		);
	},
	decide: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			offerDecisionSchema.extend({ requestId: idSchema }),
			async ({ requestId, ...decision }) => {
				await decideOfferRequest(actor, requestId, decision);
				const said = {
					accept: m.offer_request_accepted_done,
					decline: m.offer_request_declined_done,
					cancel: m.offer_request_cancelled_done,
					done: m.offer_request_done_done
				};
				return { form: 'decide', success: said[decision.decision]() };
			},
			{ form: 'decide' }
		);
	},
	status: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			offerStatusSchema,
			async ({ status }) => {
				await setOfferStatus(actor, idParam(event.params.id), status);
				const said = {
					open: m.offer_reopened,
					paused: m.offer_paused,
					closed: m.offer_closed_done
				};
				return { form: 'status', success: said[status]() };
			},
			{ form: 'status' }
		);
	}
};
