import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { createNeed, listNeeds } from '$lib/server/needs/service';
import { listQuerySchema } from '$lib/shared/schemas/common';
import { createNeedSchema, needsQuerySchema } from '$lib/shared/schemas/needs';

const querySchema = z.object({ ...listQuerySchema.shape, ...needsQuerySchema.shape });

export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, querySchema);
	return json(await listNeeds(await actorOf(event), query));
});

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createNeedSchema);
	return json({ need: await createNeed(await actorOf(event), input) }, { status: 201 });
});
