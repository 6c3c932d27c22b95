import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { createOrganisation, listOrganisations } from '$lib/server/orgs/service';
import { listQuerySchema } from '$lib/shared/schemas/common';
import { createOrganisationSchema, directoryQuerySchema } from '$lib/shared/schemas/orgs';

const querySchema = z.object({ ...listQuerySchema.shape, ...directoryQuerySchema.shape });

export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, querySchema);
	return json(await listOrganisations(await actorOf(event), query));
});

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createOrganisationSchema);
	const organisation = await createOrganisation(await actorOf(event), input);
	return json({ organisation }, { status: 201 });
});
