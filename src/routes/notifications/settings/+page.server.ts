import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { chooseEmailNotifications, emailChoicesOf } from '$lib/server/notifications/service';
import { m } from '$lib/paraglide/messages';
import { emailChoicesFormSchema } from '$lib/shared/schemas/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		return { email: await emailChoicesOf(await actorOf(event)) };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, emailChoicesFormSchema, async ({ kinds }) => {
			await chooseEmailNotifications(actor, kinds);
			return { success: m.notification_settings_saved() };
		});
	}
};
