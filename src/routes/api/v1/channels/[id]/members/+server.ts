import { json } from '@sveltejs/kit';
import { addMember, listMembers } from '$lib/server/channels/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { addMemberSchema } from '$lib/shared/schemas/channels';

export const GET = endpoint(async (event) =>
	json({
		items: await listMembers(await actorOf(event), idParam(event.params.id)),
		nextCursor: null
	})
);

export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { userId } = await readJson(event.request, addMemberSchema);
	await addMember(await actorOf(event), id, userId);
	return json({ ok: true }, { status: 201 });
});
