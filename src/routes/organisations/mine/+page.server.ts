import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { myOrganisations } from '$lib/server/orgs/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => ({ organisations: await myOrganisations(await actorOf(event)) }));
