import { z } from 'zod';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listOrganisations } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { directoryQuerySchema } from '$lib/shared/schemas/orgs';
import type { PageServerLoad } from './$types';

const query = directoryQuerySchema.extend({ cursor: z.string().max(200).optional() });

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		// A filter that does not parse (an edited URL) is simply not applied.
		const filters = filtersFrom(event.url, query);
		const actor = await actorOf(event);
		const [page, territories] = await Promise.all([
			listOrganisations(actor, { ...filters, limit: 20 }),
			listTerritories()
		]);
		return { page, territories, filters, signedIn: actor !== null };
	});
