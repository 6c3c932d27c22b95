import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { needMatches } from '$lib/server/matching/service';

/** Offers (and, for the need's organisation's staff, people) that fit the need, best first. */
export const GET = endpoint(async (event) =>
	json({ items: await needMatches(await actorOf(event), idParam(event.params.id)) })
);
