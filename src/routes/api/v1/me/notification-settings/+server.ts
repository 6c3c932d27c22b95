import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { chooseEmailNotifications, emailChoicesOf } from '$lib/server/notifications/service';
import { emailChoicesSchema } from '$lib/shared/schemas/notifications';

/** `{ email: [kinds] }`: which notifications also reach the caller by e-mail. */
export const GET = endpoint(async (event) =>
	json({ email: await emailChoicesOf(await actorOf(event)) })
);

export const PUT = endpoint(async (event) => {
	const { kinds } = await readJson(event.request, emailChoicesSchema);
	return json({ email: await chooseEmailNotifications(await actorOf(event), kinds) });
});
