import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { needAccessLog } from '$lib/server/privacy/service';

/** Who other than its author saw the need's contact (one entry per person, need and hour). */
export const GET = endpoint(async (event) =>
	json({ items: await needAccessLog(await actorOf(event), idParam(event.params.id)) })
);
