import { z } from 'zod';
import { actionPage } from '$lib/server/actions/action-page';
import { addPartner, answerPartner } from '$lib/server/actions/partners';
import { listTargetGroups } from '$lib/server/actions/service';
import { cancelSignup, signUp } from '$lib/server/actions/sessions';
import { addCommitment, addReach, addTask, updateTask } from '$lib/server/actions/work';
import { createSession } from '$lib/server/actions/sessions';
import { actorOf, idParam } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { listTerritories } from '$lib/server/territories/service';
import { m } from '$lib/paraglide/messages';
import {
	commitmentSchema,
	createSessionSchema,
	createTaskSchema,
	invitePartnerSchema,
	partnerDecisionSchema,
	reachSchema,
	updateTaskSchema
} from '$lib/shared/schemas/actions';
import { idSchema } from '$lib/shared/schemas/common';
import type { Actions, PageServerLoad } from './$types';

/** An action's page: readable signed out when it is public. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const [page, targetGroups, territories] = await Promise.all([
			actionPage(actor, pageId(event.params.id)),
			listTargetGroups(),
			listTerritories()
		]);
		return {
			...page,
			targetGroups,
			territories: page.can.contribute ? territories : [],
			signedIn: actor !== null,
			planned: event.url.searchParams.has('planned'),
			asked: event.url.searchParams.has('asked')
		};
	});

const session = z.object({ sessionId: idSchema });

export const actions: Actions = {
	/** The lead invites an organisation; an organisation's coordinator asks to join. */
	partner: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			invitePartnerSchema,
			async ({ organisationId }) => {
				await addPartner(actor, idParam(event.params.id), organisationId);
				return { form: 'partner', success: m.action_partner_asked_done() };
			},
			{ form: 'partner' }
		);
	},
	answer: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			partnerDecisionSchema.extend({ organisationId: idSchema }),
			async ({ organisationId, decision }) => {
				await answerPartner(actor, idParam(event.params.id), organisationId, decision);
				return {
					form: 'answer',
					success:
						decision === 'accept'
							? m.action_partner_accepted_done()
							: m.action_partner_declined_done()
				};
			},
			{ form: 'answer' }
		);
	},
	signUp: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			session,
			async ({ sessionId }) => {
				const signup = await signUp(actor, sessionId);
				return {
					form: 'session',
					success:
						signup.status === 'confirmed'
							? m.session_signed_up()
							: m.session_waitlisted({ position: signup.position ?? 0 })
				};
			},
			{ form: 'session' }
		);
	},
	leave: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			session,
			async ({ sessionId }) => {
				await cancelSignup(actor, sessionId);
				return { form: 'session', success: m.session_left() };
			},
			{ form: 'session' }
		);
	},
	addTask: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			createTaskSchema,
			async (input) => {
				await addTask(actor, idParam(event.params.id), input);
				return { form: 'addTask', success: m.task_added() };
			},
			{ form: 'addTask' }
		);
	},
	addSession: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			createSessionSchema,
			async (input) => {
				await createSession(actor, idParam(event.params.id), input);
				return { form: 'addSession', success: m.session_added() };
			},
			{ form: 'addSession' }
		);
	},
	commit: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			commitmentSchema,
			async (input) => {
				await addCommitment(actor, idParam(event.params.id), input);
				return { form: 'commit', success: m.commitment_added() };
			},
			{ form: 'commit' }
		);
	},
	reach: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			reachSchema,
			async (input) => {
				await addReach(actor, idParam(event.params.id), input);
				return { form: 'reach', success: m.reach_added() };
			},
			{ form: 'reach' }
		);
	},
	tick: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ taskId: idSchema, done: z.enum(['true', 'false'], 'v_invalid') }),
			async ({ taskId, done }) => {
				await updateTask(
					actor,
					idParam(event.params.id),
					taskId,
					updateTaskSchema.parse({ done: done === 'true' })
				);
				return { form: 'tick', success: done === 'true' ? m.task_done() : m.task_undone() };
			},
			{ form: 'tick' }
		);
	}
};
