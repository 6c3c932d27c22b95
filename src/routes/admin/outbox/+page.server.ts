import { listOutbox } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const mails = await listOutbox(await actorOf(event));
		return {
			mails: mails.map((mail) => ({
				...mail,
				createdAt: mail.createdAt.toISOString(),
				sentAt: mail.sentAt?.toISOString() ?? null
			}))
		};
	});
