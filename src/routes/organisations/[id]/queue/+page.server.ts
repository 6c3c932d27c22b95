import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage, pageId } from '$lib/server/http/pages';
import { queuePage } from '$lib/server/needs/queue';
import { listQuerySchema } from '$lib/shared/schemas/common';
import type { PageServerLoad } from './$types';

/** An organisation's queue: its needs, most urgent first, with who is helping. For its people. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const { cursor } = filtersFrom(event.url, listQuerySchema.pick({ cursor: true }));
		return queuePage(await actorOf(event), pageId(event.params.id), { limit: 50, cursor });
	});
