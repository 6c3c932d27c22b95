import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { changeRole, removeMember } from '$lib/server/orgs/members';
import { changeRoleSchema } from '$lib/shared/schemas/orgs';

export const PATCH = endpoint(async (event) => {
	const [id, userId] = [idParam(event.params.id), idParam(event.params.userId)];
	const { role } = await readJson(event.request, changeRoleSchema);
	await changeRole(await actorOf(event), id, userId, role);
	return json({ member: { organisationId: id, userId, role } });
});

/** Removes a member, or (one's own id) leaves the organisation. */
export const DELETE = endpoint(async (event) => {
	await removeMember(await actorOf(event), idParam(event.params.id), idParam(event.params.userId));
	return new Response(null, { status: 204 });
});
