import { openNeedChannel, openPersonKeyChannel } from '$lib/server/channels/service';
import { actorOf } from '$lib/server/http/context';
import { pageForm, pageFormThenGo } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { claimNeed, extendClaim, releaseClaims } from '$lib/server/needs/claims';
import { releaseStaleClaim } from '$lib/server/needs/claim-upkeep';
import { requestHandover } from '$lib/server/needs/handovers';
import { askPersonHandover } from '$lib/server/channels/person-handover';
import { personHandoverSchema, requestHandoverSchema } from '$lib/shared/schemas/handovers';
import { logContact } from '$lib/server/needs/contacts';
import { completeNeed } from '$lib/server/needs/service';
import { needPage } from '$lib/server/needs/need-page';
import { inviteToNeed, needSuggestions } from '$lib/server/matching/service';
import { inviteSchema } from '$lib/shared/schemas/matching';
import { logContactSchema } from '$lib/shared/schemas/contacts';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import {
	claimSchema,
	completeNeedSchema,
	finishClaimSchema,
	releaseClaimSchema
} from '$lib/shared/schemas/needs';
import { config } from '$lib/server/config';
import { z } from 'zod';
import { finishClaim } from '$lib/server/needs/claim-endings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const page = await needPage(actor, id);
		// Offers (and people, for its organisation's staff) that fit it, with their reasons.
		return { ...page, suggestions: await needSuggestions(actor, id) };
	});

export const actions: Actions = {
	invite: pageForm('invite', inviteSchema, async (actor, id, { userId }) => {
		await inviteToNeed(actor, id, userId);
		return m.match_invited();
	}),
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
		return m.needpage_claimed();
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
		return m.needpage_handover_asked({ hours: config().handoverAutoApproveHours });
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
