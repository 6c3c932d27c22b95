import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { addCommitment, listCommitments } from '$lib/server/consultations/commitments';
import { commitmentSchema } from '$lib/shared/schemas/consultations';

export const GET = endpoint(async (event) =>
	json({ items: await listCommitments(await actorOf(event), idParam(event.params.id)) })
);

/** The consultation's coordinators commit to something: 201 `{ commitment: { id } }`. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, commitmentSchema);
	const commitment = await addCommitment(await actorOf(event), idParam(event.params.id), input);
	return json({ commitment }, { status: 201 });
});
