import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { consultationFrame } from '$lib/server/consultations/consultation-page';
import {
	answerProposal,
	getProposal,
	moderateProposal,
	reportProposal,
	supportProposal,
	withdrawSupport
} from '$lib/server/consultations/proposals';
import { errorMessage } from '$lib/server/errors';
import { actorOf } from '$lib/server/http/context';
import { pageForm } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import {
	answerProposalSchema,
	moderateProposalSchema,
	reportProposalSchema
} from '$lib/shared/schemas/consultations';
import type { Actions, PageServerLoad } from './$types';

/** A proposal with its answer; its consultation's phase says what may be done with it. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const proposal = await getProposal(actor, pageId(event.params.proposalId));
		// A proposal is read under its own consultation's address only.
		if (proposal.consultationId !== id) error(404, errorMessage('not_found'));
		const page = await consultationFrame(actor, id);
		return {
			proposal,
			consultation: page.consultation,
			can: page.can,
			signedIn: actor !== null
		};
	});

const proposalOf = (event: { params: Record<string, string> }) => pageId(event.params.proposalId);
const nothing = z.object({});

export const actions: Actions = {
	support: pageForm('support', nothing, async (actor, _id, _input, event) => {
		await supportProposal(actor, proposalOf(event));
		return m.proposal_supported();
	}),
	withdraw: pageForm('support', nothing, async (actor, _id, _input, event) => {
		await withdrawSupport(actor, proposalOf(event));
		return m.proposal_withdrawn();
	}),
	answer: pageForm('answer', answerProposalSchema, async (actor, _id, input, event) => {
		await answerProposal(actor, proposalOf(event), input);
		return m.proposal_answer_saved();
	}),
	report: pageForm('report', reportProposalSchema, async (actor, _id, { reason }, event) => {
		await reportProposal(actor, proposalOf(event), reason);
		return m.proposal_reported();
	}),
	moderate: pageForm(
		'moderate',
		moderateProposalSchema,
		async (actor, _id, { decision }, event) => {
			await moderateProposal(actor, proposalOf(event), decision);
			return decision === 'restore' ? m.proposal_restored() : m.proposal_removed();
		}
	)
};
