import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam, readQuery } from '$lib/server/http/context';
import { createProposal, listProposals } from '$lib/server/consultations/proposals';
import { createProposalSchema, proposalsQuerySchema } from '$lib/shared/schemas/consultations';

/** Proposals by supports, newest or in the visitor's random order, with search; signed out too. */
export const GET = endpoint(async (event) =>
	json(
		await listProposals(
			await actorOf(event),
			idParam(event.params.id),
			readQuery(event.url, proposalsQuerySchema)
		)
	)
);

/** 201 `{ proposal }`; 409 `possible_duplicate` with the similar ones (nothing saved). */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createProposalSchema);
	const proposal = await createProposal(await actorOf(event), idParam(event.params.id), input);
	return json({ proposal }, { status: 201 });
});
