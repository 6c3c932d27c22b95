import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { myOrganisations } from '$lib/server/orgs/service';

export const GET = endpoint(async (event) =>
	json({ items: await myOrganisations(await actorOf(event)), nextCursor: null })
);
