import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { acceptInvitation } from '$lib/server/orgs/invitations';

export const POST = endpoint(async (event) => {
	const membership = await acceptInvitation(await actorOf(event), event.params.token ?? '');
	return json({ membership });
});
