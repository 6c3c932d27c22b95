import { json } from '@sveltejs/kit';
import { feedPage } from '$lib/server/feed/feed';
import { endpoint } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { feedQuerySchema } from '$lib/shared/schemas/offers';

export const GET = endpoint(async (event) =>
	json(await feedPage(await actorOf(event), readQuery(event.url, feedQuerySchema)))
);
