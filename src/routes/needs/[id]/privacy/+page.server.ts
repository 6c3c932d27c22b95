import { z } from 'zod';
import { actorOf } from '$lib/server/http/context';
import { pageForm } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { recordConsent, revokeConsent } from '$lib/server/privacy/consents';
import { eraseNeed } from '$lib/server/privacy/retention';
import { needPrivacyPage } from '$lib/server/privacy/service';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import { consentSchema } from '$lib/shared/schemas/privacy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => needPrivacyPage(await actorOf(event), pageId(event.params.id)));

export const actions: Actions = {
	consent: pageForm('consent', consentSchema, async (actor, id, input) => {
		await recordConsent(actor, id, input);
		return m.consent_recorded();
	}),
	revoke: pageForm(
		'revoke',
		z.object({ consentId: idSchema }),
		async (actor, id, { consentId }) => {
			await revokeConsent(actor, id, consentId);
			return m.consent_revoked();
		}
	),
	erase: pageForm(
		'erase',
		z.object({ confirm: z.literal('on', 'v_confirm_erase') }),
		async (actor, id) => {
			await eraseNeed(actor, id);
			return m.need_erase_done();
		}
	)
};
