import { json } from '@sveltejs/kit';
import { getChannel } from '$lib/server/channels/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { askPersonHandover } from '$lib/server/channels/person-handover';
import { personHandoverSchema } from '$lib/shared/schemas/handovers';

/**
 * `{ reason }`: asks the other organisations following the same person (person key) to hand
 * the person over, in the joint channel; their coordinators are told. `201 { channel }`.
 */
export const POST = endpoint(async (event) => {
	const actor = await actorOf(event);
	const id = idParam(event.params.id);
	const { reason } = await readJson(event.request, personHandoverSchema);
	const channelId = await askPersonHandover(actor, id, reason, event.locals.user?.locale ?? 'it');
	return json({ channel: await getChannel(actor, channelId) }, { status: 201 });
});
