import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { deleteTerritory, renameTerritory } from '$lib/server/territories/service';
import { renameTerritorySchema } from '$lib/shared/schemas/territories';

export const PATCH = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { name } = await readJson(event.request, renameTerritorySchema);
	await renameTerritory(await actorOf(event), id, name);
	return json({ territory: { id, name } });
});

export const DELETE = endpoint(async (event) => {
	await deleteTerritory(await actorOf(event), idParam(event.params.id));
	return new Response(null, { status: 204 });
});
