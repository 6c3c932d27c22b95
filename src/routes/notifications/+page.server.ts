import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { listNotifications, markNotificationsRead } from '$lib/server/notifications/service';
import { blockPerson } from '$lib/server/people/blocks';
import { m } from '$lib/paraglide/messages';
import { idSchema, listQuerySchema } from '$lib/shared/schemas/common';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		const { cursor } = filtersFrom(event.url, listQuerySchema.partial());
		return { page: await listNotifications(await actorOf(event), { limit: 30, cursor }) };
	});

export const actions: Actions = {
	read: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ id: idSchema.optional() }),
			async ({ id }) => {
				await markNotificationsRead(actor, id ? [id] : undefined);
				return { form: 'read', success: '' };
			},
			{ form: 'read' }
		);
	},
	// Someone put the person into a group or an organisation: block them from here.
	block: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ userId: idSchema }),
			async ({ userId }) => {
				await blockPerson(actor, userId);
				return { form: 'block', success: m.block_done() };
			},
			{ form: 'block' }
		);
	}
};
