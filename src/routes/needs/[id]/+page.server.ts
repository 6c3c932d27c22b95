import { listCategories } from '$lib/server/administration/service';
import { openNeedChannel, openPersonKeyChannel } from '$lib/server/channels/service';
import { actorOf } from '$lib/server/http/context';
import { pageForm, pageFormThenGo } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { claimNeed, extendClaim, releaseClaims } from '$lib/server/needs/claims';
import { config } from '$lib/server/config';
import { releaseStaleClaim } from '$lib/server/needs/claim-upkeep';
import { listHandovers, requestHandover } from '$lib/server/needs/handovers';
import { askPersonHandover } from '$lib/server/needs/person-handover';
import { canNeed } from '$lib/server/needs/policy';
import { myOrganisations } from '$lib/server/orgs/service';
import { personHandoverSchema, requestHandoverSchema } from '$lib/shared/schemas/handovers';
import { listContacts, logContact } from '$lib/server/needs/contacts';
import { completeNeed, getNeed, getNeedHistory } from '$lib/server/needs/service';
import { logContactSchema } from '$lib/shared/schemas/contacts';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import {
	claimSchema,
	completeNeedSchema,
	finishClaimSchema,
	releaseClaimSchema
} from '$lib/shared/schemas/needs';
import { z } from 'zod';
import { finishClaim } from '$lib/server/needs/claim-endings';
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
			claimRule: need.claimRule,
			actorHoldsClaim: holds
		};
		const can = {
			claim:
				canNeed(actor, 'claim', target) &&
				(need.status === 'open' || need.status === 'in_progress'),
			complete:
				canNeed(actor, 'complete', target) &&
				(need.status === 'open' || need.status === 'in_progress'),
			finishClaim:
				canNeed(actor, 'finishClaim', target) &&
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
				canNeed(actor, 'askHandover', target) &&
				!holds &&
				(need.status === 'open' || need.status === 'in_progress') &&
				need.parts.every((p) => p.claimedCount >= p.capacity),
			// Its organisation, its helpers and its author talk in the need's channel.
			channel: canNeed(actor, 'openChannel', target)
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
	contact: pageForm('contact', logContactSchema, async (actor, id, input) => {
		await logContact(actor, id, input);
		return m.contact_logged();
	}),
	personChannel: pageFormThenGo(
		'personChannel',
		z.object({}),
		async (actor, id) => `/channels/${await openPersonKeyChannel(actor, id)}`
	),
	personHandover: pageFormThenGo(
		'personHandover',
		personHandoverSchema,
		async (actor, id, { reason }, event) =>
			`/channels/${await askPersonHandover(actor, id, reason, event.locals.user?.locale ?? 'it')}`
	),
	channel: pageFormThenGo(
		'channel',
		z.object({}),
		async (actor, id) => `/channels/${await openNeedChannel(actor, id)}`
	),
	claim: pageForm('claim', claimSchema, async (actor, id, { partId }) => {
		await claimNeed(actor, id, partId);
		return m.claim_done();
	}),
	release: pageForm('claim', releaseClaimSchema, async (actor, id, { reason }) => {
		await releaseClaims(actor, id, reason);
		return m.release_done();
	}),
	finish: pageForm(
		'claim',
		finishClaimSchema.extend({ claimId: idSchema }),
		async (actor, id, { claimId, ...input }) => {
			await finishClaim(actor, id, claimId, input);
			return input.result === 'done'
				? m.finish_claim_saved_done()
				: m.finish_claim_saved_could_not();
		}
	),
	extend: pageForm('claim', z.object({ claimId: idSchema }), async (actor, id, { claimId }) => {
		await extendClaim(actor, id, claimId);
		return m.extend_done();
	}),
	askHandover: pageForm('handover', requestHandoverSchema, async (actor, id, input) => {
		await requestHandover(actor, id, input);
		return m.handover_asked();
	}),
	releaseStale: pageForm(
		'claim',
		z.object({ claimId: idSchema }),
		async (actor, id, { claimId }) => {
			await releaseStaleClaim(actor, id, claimId);
			return m.stale_released();
		}
	),
	complete: pageForm('complete', completeNeedSchema, async (actor, id, input) => {
		await completeNeed(actor, id, input);
		return m.complete_done();
	})
};
