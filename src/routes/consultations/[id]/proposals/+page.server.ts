import { z } from 'zod';
import { consultationFrame } from '$lib/server/consultations/consultation-page';
import {
	createProposal,
	listProposals,
	supportProposal,
	withdrawSupport
} from '$lib/server/consultations/proposals';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { pageForm } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { visitorSeed } from '$lib/server/http/visitor-order';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import { createProposalSchema, proposalsQuerySchema } from '$lib/shared/schemas/consultations';
import type { Actions, PageServerLoad } from './$types';

/** A consultation's proposals, sorted and searched as asked; the proposal form in its phase. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const filters = filtersFrom(event.url, proposalsQuerySchema);
		const sort = filters.sort ?? 'supports';
		const seed = sort === 'random' ? (actor?.id ?? visitorSeed(event.cookies)) : undefined;
		const [page, list] = await Promise.all([
			consultationFrame(actor, id),
			listProposals(actor, id, { ...filters, sort, seed, limit: 20 })
		]);
		return {
			consultation: page.consultation,
			phase: page.phase,
			opens: page.opens,
			can: page.can,
			signedIn: actor !== null,
			list,
			filters: { sort, q: filters.q ?? '' }
		};
	});

const proposalRef = z.object({ proposalId: idSchema });

export const actions: Actions = {
	propose: pageForm('propose', createProposalSchema, async (actor, id, input) => {
		await createProposal(actor, id, input);
		return m.proposal_made();
	}),
	support: pageForm('support', proposalRef, async (actor, _id, { proposalId }) => {
		await supportProposal(actor, proposalId);
		return m.proposal_supported();
	}),
	withdraw: pageForm('support', proposalRef, async (actor, _id, { proposalId }) => {
		await withdrawSupport(actor, proposalId);
		return m.proposal_withdrawn();
	})
};
