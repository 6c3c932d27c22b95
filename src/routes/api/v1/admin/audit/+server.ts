import { json } from '@sveltejs/kit';
import { listAuditLog } from '$lib/server/administration/audit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { listQuerySchema } from '$lib/shared/schemas/common';

export const GET = endpoint(async (event) => {
	const page = readQuery(event.url, listQuerySchema);
	return json(await listAuditLog(await actorOf(event), page));
});
