import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { createTerritory, listTerritories } from '$lib/server/territories/service';
import { createTerritorySchema } from '$lib/shared/schemas/territories';

export const GET = endpoint(async () => json({ items: await listTerritories(), nextCursor: null }));

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createTerritorySchema);
	return json({ territory: await createTerritory(await actorOf(event), input) }, { status: 201 });
});
