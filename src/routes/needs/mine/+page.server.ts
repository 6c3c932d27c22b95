import { z } from 'zod';
import { listCategories } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { answerHandover, pendingHandoversOf } from '$lib/server/needs/handovers';
import { listNeeds } from '$lib/server/needs/service';
import { myOfferRequests } from '$lib/server/offers/requests';
import { offersOf } from '$lib/server/offers/service';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import { answerHandoverSchema } from '$lib/shared/schemas/handovers';
import { summarise } from '$lib/shared/need-summary';
import type { Actions, PageServerLoad } from './$types';

/**
 * "My requests and commitments": needs where the person holds a claim now, the requests they
 * posted (whatever became of them), handovers pending, their offers of help with the requests
 * they received, and what they asked of others' offers.
 */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const [helping, authored, categories, handovers, offers, offerRequests] = await Promise.all([
			listNeeds(actor, { helping: true, sort: 'urgency', limit: 100 }, 'summary'),
			listNeeds(actor, { authored: true, sort: 'newest', limit: 100 }, 'summary'),
			listCategories(),
			pendingHandoversOf(actor),
			offersOf(actor),
			myOfferRequests(actor)
		]);
		return {
			needs: helping.items.map(summarise),
			requests: authored.items.map(summarise),
			categories,
			handovers,
			offers,
			offerRequests,
			me: actor!.id
		};
	});

/** The form's two buttons send accept=true or accept=false. */
const answerForm = answerHandoverSchema.extend({
	handoverId: idSchema,
	accept: z.enum(['true', 'false'], 'v_invalid').transform((v) => v === 'true')
});

export const actions: Actions = {
	// Every page that shows a request to hand over posts the answer here.
	answerHandover: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			answerForm,
			async ({ handoverId, ...answer }) => {
				await answerHandover(actor, handoverId, answer);
				return { form: 'handover', success: m.handover_answered() };
			},
			{ form: 'handover' }
		);
	}
};
