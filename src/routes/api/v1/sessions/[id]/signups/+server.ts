import { json } from '@sveltejs/kit';
import { signUp, signupsOf } from '$lib/server/actions/sessions';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { signupSchema } from '$lib/shared/schemas/actions';

/** The organisers' list: confirmed, then the waiting list in order. */
export const GET = endpoint(async (event) =>
	json({ items: await signupsOf(await actorOf(event), idParam(event.params.id)) })
);

/** `{}`: confirmed while there is room, else waiting at `position`; 409 `already_signed_up`. */
export const POST = endpoint(async (event) => {
	await readJson(event.request, signupSchema);
	const signup = await signUp(await actorOf(event), idParam(event.params.id));
	return json({ signup }, { status: 201 });
});
