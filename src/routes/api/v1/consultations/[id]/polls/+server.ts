import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { createPoll, listPolls } from '$lib/server/consultations/polls';
import { createPollSchema } from '$lib/shared/schemas/consultations';

export const GET = endpoint(async (event) =>
	json({ items: await listPolls(await actorOf(event), idParam(event.params.id)) })
);

/** The consultation's coordinators open a poll: 201 `{ poll }`. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createPollSchema);
	const poll = await createPoll(await actorOf(event), idParam(event.params.id), input);
	return json({ poll }, { status: 201 });
});
