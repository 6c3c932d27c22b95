import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { pollResults } from '$lib/server/consultations/ballots';

/** `{ results }`; 403 `results_hidden` while the poll's setting hides them from the caller. */
export const GET = endpoint(async (event) =>
	json({ results: await pollResults(await actorOf(event), idParam(event.params.id)) })
);
