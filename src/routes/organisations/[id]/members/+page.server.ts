import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { invite, listPendingInvitations, revokeInvitation } from '$lib/server/orgs/invitations';
import { decideJoinRequest, listJoinRequests } from '$lib/server/orgs/join-requests';
import { changeRole, listMembers, removeMember } from '$lib/server/orgs/members';
import { canOrganisation } from '$lib/server/orgs/policy';
import { getOrganisation } from '$lib/server/orgs/service';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { idSchema } from '$lib/shared/schemas/common';
import { changeRoleSchema, decideJoinRequestSchema, inviteSchema } from '$lib/shared/schemas/orgs';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const organisation = await getOrganisation(actor, pageId(event.params.id));
		const members = await listMembers(actor, organisation.id);
		const manage = canOrganisation(actor, 'manageMembers', organisation);
		return {
			organisation,
			members,
			me: actor!.id,
			manage,
			invitations: manage ? await listPendingInvitations(actor, organisation.id) : [],
			joinRequests: manage ? await listJoinRequests(actor, organisation.id) : []
		};
	});

const memberSchema = z.object({ userId: idSchema });

export const actions: Actions = {
	changeRole: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			changeRoleSchema.extend(memberSchema.shape),
			async (input) => {
				await changeRole(actor, id, input.userId, input.role);
				return { form: 'members', success: m.members_role_changed() };
			},
			{ form: 'members' }
		);
	},
	remove: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			memberSchema,
			async (input) => {
				await removeMember(actor, id, input.userId);
				return { form: 'members', success: m.members_removed() };
			},
			{ form: 'members' }
		);
	},
	invite: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			inviteSchema,
			async (input) => {
				await invite(actor, id, input, getLocale());
				return { form: 'invite', success: m.invite_sent({ email: input.email }) };
			},
			{ form: 'invite' }
		);
	},
	revokeInvitation: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			z.object({ invitationId: idSchema }),
			async (input) => {
				await revokeInvitation(actor, id, input.invitationId);
				return { form: 'invite', success: m.invite_revoked() };
			},
			{ form: 'invite' }
		);
	},
	decide: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			decideJoinRequestSchema.extend({ requestId: idSchema }),
			async (input) => {
				await decideJoinRequest(actor, id, input.requestId, input);
				return {
					form: 'requests',
					success: input.decision === 'approve' ? m.join_approved() : m.join_declined()
				};
			},
			{ form: 'requests' }
		);
	}
};
