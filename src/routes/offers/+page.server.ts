import { listCategories } from '$lib/server/administration/service';
import { rememberBoard } from '$lib/server/http/board-view';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listOffers } from '$lib/server/offers/service';
import { listTerritories } from '$lib/server/territories/service';
import { offersQuerySchema } from '$lib/shared/schemas/offers';
import type { PageServerLoad } from './$types';

/** Offers of help, newest first, with the board's filters. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const filters = filtersFrom(event.url, offersQuerySchema);
		rememberBoard(event.cookies, 'offers');
		const [page, categories, territories] = await Promise.all([
			listOffers(actor, { ...filters, limit: 20 }),
			listCategories(),
			listTerritories()
		]);
		return { page, filters, categories, territories };
	});
