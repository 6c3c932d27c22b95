import { listAuditLog } from '$lib/server/administration/audit';
import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const page = await listAuditLog(await actorOf(event), {
			limit: 50,
			cursor: event.url.searchParams.get('cursor') ?? undefined
		});
		return {
			page: {
				...page,
				items: page.items.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }))
			}
		};
	});
