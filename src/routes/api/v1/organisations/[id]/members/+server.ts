import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { addMember, listMembers } from '$lib/server/orgs/members';
import { addMemberSchema } from '$lib/shared/schemas/orgs';

export const GET = endpoint(async (event) => {
	const items = await listMembers(await actorOf(event), idParam(event.params.id));
	return json({ items, nextCursor: null });
});

export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, addMemberSchema);
	return json({ member: await addMember(await actorOf(event), id, input) }, { status: 201 });
});
