import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listOrganisations } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { directoryPageQuerySchema } from '$lib/shared/schemas/orgs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const filters = filtersFrom(event.url, directoryPageQuerySchema);
		const actor = await actorOf(event);
		const [page, territories] = await Promise.all([
			listOrganisations(actor, { ...filters, limit: 20 }),
			listTerritories()
		]);
		return { page, territories, filters, signedIn: actor !== null };
	});
