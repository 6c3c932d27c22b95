import { listCategories } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { guardPage, pageId } from '$lib/server/http/pages';
import { getNeed } from '$lib/server/needs/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const need = await getNeed(await actorOf(event), pageId(event.params.id));
		return { need, categories: await listCategories() };
	});
