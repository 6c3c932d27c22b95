import { auditLogPage } from '$lib/server/administration/audit-log';
import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const query = Object.fromEntries(event.url.searchParams);
		return {
			log: await auditLogPage(await actorOf(event), query),
			/** What the filter form shows again, as it was sent. */
			filters: {
				who: query.who ?? '',
				what: query.what ?? '',
				from: query.from ?? '',
				to: query.to ?? ''
			}
		};
	});
