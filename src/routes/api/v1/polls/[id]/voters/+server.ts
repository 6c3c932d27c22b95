import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { pollVotersList } from '$lib/server/consultations/ballots';

/** The organisers: who voted, never how. */
export const GET = endpoint(async (event) =>
	json(await pollVotersList(await actorOf(event), idParam(event.params.id)))
);
