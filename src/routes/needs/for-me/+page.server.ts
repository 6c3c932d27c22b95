import { listCategories } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { myMatches } from '$lib/server/matching/service';
import { summarise } from '$lib/shared/need-summary';
import type { PageServerLoad } from './$types';

/** "Needs for me": open requests that fit the person (skills, place, time, languages), best first. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const [matches, categories] = await Promise.all([myMatches(actor), listCategories()]);
		return {
			items: matches.map((item) => ({ ...item, need: summarise(item.need) })),
			categories
		};
	});
