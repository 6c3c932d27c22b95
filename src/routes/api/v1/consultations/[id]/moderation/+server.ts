import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { proposalsToModerate } from '$lib/server/consultations/proposals';

/** The consultation's coordinators: proposals hidden by reports, or removed. */
export const GET = endpoint(async (event) =>
	json({ items: await proposalsToModerate(await actorOf(event), idParam(event.params.id)) })
);
