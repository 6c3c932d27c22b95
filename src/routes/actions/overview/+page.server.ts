import { monthFilters } from '$lib/server/actions/page-filters';
import { whoDoesWhat } from '$lib/server/actions/who-does-what';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { actionsQuerySchema } from '$lib/shared/schemas/actions';
import { guardPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

/** Who does what where across the network, where nobody does, and whom it reached. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const { query, shown, territories, targetGroups } = await monthFilters(
			filtersFrom(event.url, actionsQuerySchema),
			event.url.searchParams.get('month'),
			null
		);
		return {
			view: await whoDoesWhat(await actorOf(event), query),
			filters: shown,
			territories,
			targetGroups
		};
	});
