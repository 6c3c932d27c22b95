import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { exportPerson } from '$lib/server/privacy/export';

/** Everything Rete holds about the caller, as a JSON file to keep. */
export const GET = endpoint(async (event) => {
	const data = await exportPerson(await actorOf(event));
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="rete-${data.exportedAt.slice(0, 10)}.json"`,
			'cache-control': 'no-store'
		}
	});
});
