import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { castBallot } from '$lib/server/consultations/ballots';
import { castBallotSchema } from '$lib/shared/schemas/consultations';

/** 201 `{ ballot: { pollId, castAt } }`: one per person, whatever the channel. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, castBallotSchema);
	const ballot = await castBallot(await actorOf(event), idParam(event.params.id), input);
	return json({ ballot }, { status: 201 });
});
