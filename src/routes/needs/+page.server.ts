import { listCategories } from '$lib/server/administration/service';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listNeeds } from '$lib/server/needs/service';
import { listTerritories } from '$lib/server/territories/service';
import { summarise } from '$lib/shared/need-summary';
import { needsQuerySchema } from '$lib/shared/schemas/needs';
import { z } from 'zod';
import type { PageServerLoad } from './$types';

const query = needsQuerySchema.extend({ cursor: z.string().max(200).optional() });

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const parsed = filtersFrom(event.url, query);
		// The board opens on what still needs someone: open needs. "all" shows every status.
		const status =
			event.url.searchParams.get('status') === 'all' ? undefined : (parsed.status ?? 'open');
		const filters = { ...parsed, status };
		const actor = await actorOf(event);
		const [page, categories, territories] = await Promise.all([
			listNeeds(actor, { ...filters, limit: 20 }),
			listCategories(),
			listTerritories()
		]);
		// The list shows a summary of each need; the page carries only that.
		return {
			page: { ...page, items: page.items.map(summarise) },
			categories,
			territories,
			filters
		};
	});
