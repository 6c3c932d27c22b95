import { json } from '@sveltejs/kit';
import { fileSlug } from '$lib/server/csv';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam, readQuery } from '$lib/server/http/context';
import { queueCsv, queuePage } from '$lib/server/needs/queue';
import { getLocale } from '$lib/paraglide/runtime';
import { queueQuerySchema } from '$lib/shared/schemas/orgs';

export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { format, ...page } = readQuery(event.url, queueQuerySchema);
	const actor = await actorOf(event);
	if (format !== 'csv') return json((await queuePage(actor, id, page)).page);
	const { organisation, csv } = await queueCsv(actor, id, getLocale());
	const name = `${fileSlug(organisation.name)}-${new Date().toISOString().slice(0, 10)}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
});
