import { z } from 'zod';
import { consultationPage } from '$lib/server/consultations/consultation-page';
import { follow } from '$lib/server/consultations/service';
import { actorOf } from '$lib/server/http/context';
import { pageForm } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** A consultation's page: readable signed out when it is public. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const page = await consultationPage(actor, pageId(event.params.id));
		return { ...page, signedIn: actor !== null };
	});

const followSchema = z.object({ follow: z.enum(['on', 'off'], 'v_invalid') });

export const actions: Actions = {
	follow: pageForm('follow', followSchema, async (actor, id, { follow: on }) => {
		await follow(actor, id, on === 'on');
		return on === 'on' ? m.consultation_followed() : m.consultation_unfollowed();
	})
};
