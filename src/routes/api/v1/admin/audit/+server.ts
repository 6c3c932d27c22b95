import { json } from '@sveltejs/kit';
import { listAuditLog } from '$lib/server/administration/audit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { auditQuerySchema } from '$lib/shared/schemas/administration';

export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, auditQuerySchema);
	return json(await listAuditLog(await actorOf(event), query));
});
