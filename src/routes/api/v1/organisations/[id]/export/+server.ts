import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { exportOrganisation } from '$lib/server/privacy/export';

/** An organisation's data, for its coordinators (the export is in the audit log). */
export const GET = endpoint(async (event) => {
	const data = await exportOrganisation(await actorOf(event), idParam(event.params.id));
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="rete-organisation-${data.exportedAt.slice(0, 10)}.json"`,
			'cache-control': 'no-store'
		}
	});
});
