import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { listNotifications } from '$lib/server/notifications/service';
import { listQuerySchema } from '$lib/shared/schemas/common';

export const GET = endpoint(async (event) =>
	json(await listNotifications(await actorOf(event), readQuery(event.url, listQuerySchema)))
);
