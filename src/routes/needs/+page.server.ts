import { listCategories } from '$lib/server/administration/service';
import { rememberBoard } from '$lib/server/http/board-view';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listNeeds } from '$lib/server/needs/service';
import { listTerritories } from '$lib/server/territories/service';
import { summarise } from '$lib/shared/need-summary';
import { boardPageQuerySchema } from '$lib/shared/schemas/needs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const filters = filtersFrom(event.url, boardPageQuerySchema);
		const actor = await actorOf(event);
		rememberBoard(event.cookies, 'needs');
		const [page, categories, territories] = await Promise.all([
			listNeeds(actor, { ...filters, limit: 20 }, 'summary'),
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
