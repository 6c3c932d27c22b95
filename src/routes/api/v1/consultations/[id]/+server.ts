import { json } from '@sveltejs/kit';
import { getConsultation } from '$lib/server/consultations/service';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';

/** `{ consultation }`: signed out too when it is public. */
export const GET = endpoint(async (event) =>
	json({ consultation: await getConsultation(await actorOf(event), idParam(event.params.id)) })
);
