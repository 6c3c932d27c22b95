import { listCategories } from '$lib/server/administration/service';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listNeeds } from '$lib/server/needs/service';
import { needsQuerySchema } from '$lib/shared/schemas/needs';
import { z } from 'zod';
import type { PageServerLoad } from './$types';

const query = needsQuerySchema.extend({ cursor: z.string().max(200).optional() });

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const filters = filtersFrom(event.url, query);
		const actor = await actorOf(event);
		const [page, categories] = await Promise.all([
			listNeeds(actor, { ...filters, limit: 20 }),
			listCategories()
		]);
		return { page, categories };
	});
