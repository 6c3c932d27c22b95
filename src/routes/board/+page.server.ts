import { redirect } from '@sveltejs/kit';
import { boardViews, rememberedBoard } from '$lib/server/http/board-view';
import type { PageServerLoad } from './$types';

/** The menu's "Board": the list the person last chose (requests, offers or both). */
export const load: PageServerLoad = ({ cookies, url }) => {
	redirect(303, `${boardViews[rememberedBoard(cookies)]}${url.search}`);
};
