import { json } from '@sveltejs/kit';
import { addCommitment, listCommitments } from '$lib/server/actions/work';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { commitmentSchema } from '$lib/shared/schemas/actions';

/** Who does what where, for those taking part. */
export const GET = endpoint(async (event) =>
	json({ items: await listCommitments(await actorOf(event), idParam(event.params.id)) })
);

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, commitmentSchema);
	const commitment = await addCommitment(await actorOf(event), idParam(event.params.id), input);
	return json({ commitment }, { status: 201 });
});
