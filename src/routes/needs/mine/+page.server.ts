import { listCategories } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listNeeds } from '$lib/server/needs/service';
import { summarise } from '$lib/shared/need-summary';
import type { PageServerLoad } from './$types';

/** "What I'm helping with": needs where the person holds a claim now. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const [page, categories] = await Promise.all([
			listNeeds(actor, { helping: true, sort: 'urgency', limit: 100 }),
			listCategories()
		]);
		return { needs: page.items.map(summarise), categories };
	});
