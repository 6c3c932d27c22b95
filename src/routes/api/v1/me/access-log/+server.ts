import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { myPrivacyPage } from '$lib/server/privacy/service';

/** Who saw the caller's data (their profile's contact, their own requests'), newest first. */
export const GET = endpoint(async (event) => {
	const { entries, month } = await myPrivacyPage(await actorOf(event));
	return json({ items: entries, month });
});
