import { redirect } from '@sveltejs/kit';
import { listCategories } from '$lib/server/administration/service';
import { openNeedChannel, openPersonKeyChannel } from '$lib/server/channels/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { claimNeed, extendClaim, releaseClaims } from '$lib/server/needs/claims';
import { config } from '$lib/server/config';
import { releaseStaleClaim } from '$lib/server/needs/claim-upkeep';
import { listHandovers, requestHandover } from '$lib/server/needs/handovers';
import { askPersonHandover } from '$lib/server/needs/person-handover';
import { canNeed } from '$lib/server/needs/policy';
import { myOrganisations } from '$lib/server/orgs/service';
import { requestHandoverSchema } from '$lib/shared/schemas/handovers';
import { listContacts, logContact } from '$lib/server/needs/contacts';
import { completeNeed, getNeed, getNeedHistory } from '$lib/server/needs/service';
import { logContactSchema } from '$lib/shared/schemas/contacts';
import { m } from '$lib/paraglide/messages';
import { idSchema, requiredText } from '$lib/shared/schemas/common';
import { claimSchema, completeNeedSchema, releaseClaimSchema } from '$lib/shared/schemas/needs';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const need = await getNeed(actor, pageId(event.params.id));
		const holds = need.claims.some((c) => c.userId === actor?.id);
		const target = {
			organisationId: need.organisationId,
			visibility: need.visibility,
			authorId: need.authorId,
			actorHoldsClaim: holds
		};
		const can = {
			claim:
				canNeed(actor, 'claim', target) &&
				(need.status === 'open' || need.status === 'in_progress'),
			complete:
				canNeed(actor, 'complete', target) &&
				(need.status === 'open' || need.status === 'in_progress'),
			history: canNeed(actor, 'viewHistory', target),
			// "I am calling this person now": those who can reach the person, while it is open.
			act:
				canNeed(actor, 'act', target) && (need.status === 'open' || need.status === 'in_progress'),
			edit: canNeed(actor, 'edit', target),
			markDuplicate: canNeed(actor, 'markDuplicate', target),
			releaseStale: canNeed(actor, 'releaseStale', target),
			// Every slot taken: someone who would claim may ask a holder to hand over instead.
			askHandover:
				canNeed(actor, 'claim', target) &&
				!holds &&
				(need.status === 'open' || need.status === 'in_progress') &&
				need.parts.every((p) => p.claimedCount >= p.capacity),
			// Its organisation, its helpers and its author talk in the need's channel.
			channel:
				holds ||
				need.authorId === actor?.id ||
				(need.organisationId !== null && actor!.roles.has(need.organisationId))
		};
		return {
			need,
			me: actor!.id,
			can,
			// The contact log: for the same people who see the person's contact.
			contacts: need.contact !== undefined ? await listContacts(actor, need.id) : null,
			history: can.history ? await getNeedHistory(actor, need.id) : [],
			handovers: await listHandovers(actor, need.id),
			// The organisations the person may speak for when asking for a handover.
			speaksFor: (await myOrganisations(actor)).filter((o) => {
				const role = actor!.roles.get(o.id);
				return role === 'operator' || role === 'coordinator';
			}),
			staleClaimDays: config().staleClaimDays,
			handoverHours: config().handoverAutoApproveHours,
			categories: await listCategories()
		};
	});

export const actions: Actions = {
	contact: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			logContactSchema,
			async (input) => {
				await logContact(actor, id, input);
				return { form: 'contact', success: m.contact_logged() };
			},
			{ form: 'contact' }
		);
	},
	personChannel: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(
			event.request,
			z.object({}),
			async () => ({ channelId: await openPersonKeyChannel(actor, id) }),
			{ form: 'personChannel' }
		);
		if ('channelId' in result) redirect(303, `/channels/${result.channelId}`);
		return result;
	},
	personHandover: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(
			event.request,
			z.object({ reason: requiredText(3, 500) }),
			async ({ reason }) => ({
				channelId: await askPersonHandover(actor, id, reason, event.locals.user?.locale ?? 'it')
			}),
			{ form: 'personHandover' }
		);
		if ('channelId' in result) redirect(303, `/channels/${result.channelId}`);
		return result;
	},
	channel: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(
			event.request,
			z.object({}),
			async () => ({ channelId: await openNeedChannel(actor, id) }),
			{ form: 'channel' }
		);
		if ('channelId' in result) redirect(303, `/channels/${result.channelId}`);
		return result;
	},
	claim: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			claimSchema,
			async ({ partId }) => {
				await claimNeed(actor, id, partId);
				return { form: 'claim', success: m.claim_done() };
			},
			{ form: 'claim' }
		);
	},
	release: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			releaseClaimSchema,
			async ({ reason }) => {
				await releaseClaims(actor, id, reason);
				return { form: 'claim', success: m.release_done() };
			},
			{ form: 'claim' }
		);
	},
	extend: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			z.object({ claimId: idSchema }),
			async ({ claimId }) => {
				await extendClaim(actor, id, claimId);
				return { form: 'claim', success: m.extend_done() };
			},
			{ form: 'claim' }
		);
	},
	askHandover: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			requestHandoverSchema,
			async (input) => {
				await requestHandover(actor, id, input);
				return { form: 'handover', success: m.handover_asked() };
			},
			{ form: 'handover' }
		);
	},
	releaseStale: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			z.object({ claimId: idSchema }),
			async ({ claimId }) => {
				await releaseStaleClaim(actor, id, claimId);
				return { form: 'claim', success: m.stale_released() };
			},
			{ form: 'claim' }
		);
	},
	complete: async (event) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			completeNeedSchema,
			async (input) => {
				await completeNeed(actor, id, input);
				return { form: 'complete', success: m.complete_done() };
			},
			{ form: 'complete' }
		);
	}
};
