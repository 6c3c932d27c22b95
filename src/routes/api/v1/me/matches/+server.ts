import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { myMatches } from '$lib/server/matching/service';

/** "Needs for me": open needs that fit the caller, best first, with their reasons. */
export const GET = endpoint(async (event) =>
	json({ items: await myMatches(await actorOf(event)) })
);
