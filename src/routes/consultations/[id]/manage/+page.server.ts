import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { pollVotersList } from '$lib/server/consultations/ballots';
import { addCommitment, updateCommitment } from '$lib/server/consultations/commitments';
import { consultationPage } from '$lib/server/consultations/consultation-page';
import { createPoll } from '$lib/server/consultations/polls';
import { listProposals, proposalsToModerate } from '$lib/server/consultations/proposals';
import { movePhase } from '$lib/server/consultations/service';
import { errorMessage } from '$lib/server/errors';
import { actorOf } from '$lib/server/http/context';
import { formToObject, handleForm } from '$lib/server/http/forms';
import { pageForm } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import {
	commitmentProgressSchema,
	commitmentSchema,
	createPollSchema,
	movePhaseSchema
} from '$lib/shared/schemas/consultations';
import type { Actions, PageServerLoad } from './$types';

/** The organisers' page: phases, polls and who voted, answers, moderation, commitments. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const page = await consultationPage(actor, id);
		if (!page.can.run)
			error(actor ? 403 : 401, errorMessage(actor ? 'forbidden' : 'unauthenticated'));
		const [moderation, unanswered, voters] = await Promise.all([
			proposalsToModerate(actor, id),
			listProposals(actor, id, { sort: 'supports', limit: 100 }),
			Promise.all(page.polls.map(({ poll }) => pollVotersList(actor, poll.id)))
		]);
		return {
			...page,
			moderation,
			unanswered: unanswered.items.filter((p) => p.state === 'published'),
			voters: page.polls.map(({ poll }, i) => ({ pollId: poll.id, ...voters[i] }))
		};
	});

/** The poll form: options one per line, the box for a secret ballot. */
function pollFrom(form: FormData) {
	const fields = formToObject(form);
	return {
		...fields,
		options: String(form.get('options') ?? '')
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean),
		maxChoices: form.get('maxChoices') || undefined,
		anonymous: form.get('anonymous') === 'on'
	};
}

/** A commitment's progress, with a milestone when one is written. */
function progressFrom(form: FormData) {
	const text = String(form.get('milestoneText') ?? '').trim();
	const date = String(form.get('milestoneDate') ?? '');
	return {
		commitmentId: form.get('commitmentId'),
		progress: form.get('progress'),
		...(text || date ? { milestone: { date, text } } : {})
	};
}

export const actions: Actions = {
	phase: pageForm('phase', movePhaseSchema, async (actor, id, { kind }) => {
		await movePhase(actor, id, kind);
		return m.consultation_phase_moved();
	}),
	poll: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			createPollSchema,
			async (input) => {
				await createPoll(actor, id, input);
				return { form: 'poll', success: m.poll_created() };
			},
			{ form: 'poll', shape: pollFrom }
		);
	},
	commit: pageForm('commit', commitmentSchema, async (actor, id, input) => {
		await addCommitment(actor, id, input);
		return m.commitment_added();
	}),
	progress: async (event) => {
		const actor = await actorOf(event);
		const schema = commitmentProgressSchema.extend({ commitmentId: idSchema });
		return handleForm(
			event.request,
			schema,
			async ({ commitmentId, ...input }: z.infer<typeof schema>) => {
				await updateCommitment(actor, commitmentId, input);
				return { form: 'progress', success: m.commitment_updated() };
			},
			{ form: 'progress', shape: progressFrom }
		);
	}
};
