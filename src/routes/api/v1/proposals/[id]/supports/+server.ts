import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { supportProposal } from '$lib/server/consultations/proposals';

/** 201 `{ supports }`; 409 `already_supported`, `support_limit`, `phase_closed`. */
export const POST = endpoint(async (event) =>
	json(await supportProposal(await actorOf(event), idParam(event.params.id)), { status: 201 })
);
