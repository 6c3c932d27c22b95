import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { homePage } from '$lib/server/home/home-page';
import type { PageServerLoad } from './$types';

/** Signed out, the home introduces the network; signed in, it is the person's own desk. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		return { home: actor ? await homePage(actor) : null };
	});
