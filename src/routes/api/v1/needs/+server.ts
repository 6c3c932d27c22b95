import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { createNeed, getNeed, listNeeds } from '$lib/server/needs/service';
import { listQuerySchema } from '$lib/shared/schemas/common';
import { createNeedSchema, needsQuerySchema } from '$lib/shared/schemas/needs';

const querySchema = z.object({ ...listQuerySchema.shape, ...needsQuerySchema.shape });

export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, querySchema);
	return json(await listNeeds(await actorOf(event), query));
});

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createNeedSchema);
	const actor = await actorOf(event);
	const { id } = await createNeed(actor, input);
	// The answer is the need as its poster sees it: read once, after the write.
	const need = await getNeed(actor, id);
	// docs/api.md: the answer carries `personKeyMatches` when a person key was given.
	const matches =
		need.personKeyMatches === undefined ? {} : { personKeyMatches: need.personKeyMatches };
	return json({ need, ...matches }, { status: 201 });
});
