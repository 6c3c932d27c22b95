import { json } from '@sveltejs/kit';
import { endpoint, readJson, requireUser } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { updateOwnProfile, viewPerson } from '$lib/server/people/service';
import { updateProfileSchema } from '$lib/shared/schemas/people';

export const GET = endpoint(async (event) => {
	const { user } = requireUser(event);
	return json({ profile: await viewPerson(await actorOf(event), user.id) });
});

export const PUT = endpoint(async (event) => {
	const { user } = requireUser(event);
	const input = await readJson(event.request, updateProfileSchema);
	const actor = await actorOf(event);
	await updateOwnProfile(actor, input);
	return json({ profile: await viewPerson(actor, user.id) });
});
