import { listCategories } from '$lib/server/administration/service';
import { feedPage } from '$lib/server/feed/feed';
import { rememberBoard } from '$lib/server/http/board-view';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listTerritories } from '$lib/server/territories/service';
import { summarise } from '$lib/shared/need-summary';
import { feedQuerySchema } from '$lib/shared/schemas/offers';
import type { PageServerLoad } from './$types';

/** Requests and offers of help in one list, newest first, with the filters both share. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const filters = filtersFrom(event.url, feedQuerySchema.omit({ type: true }));
		rememberBoard(event.cookies, 'all');
		const [page, categories, territories] = await Promise.all([
			feedPage(await actorOf(event), { ...filters, type: 'all', limit: 20 }),
			listCategories(),
			listTerritories()
		]);
		// A need shows as its summary on every list; the page carries only that.
		const items = page.items.map((item) =>
			item.type === 'need' ? { type: 'need' as const, need: summarise(item.need) } : item
		);
		return { page: { ...page, items }, filters, categories, territories };
	});
