import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { getProposal } from '$lib/server/consultations/proposals';

export const GET = endpoint(async (event) =>
	json({ proposal: await getProposal(await actorOf(event), idParam(event.params.id)) })
);
