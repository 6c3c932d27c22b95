import { json } from '@sveltejs/kit';
import { searchMessages } from '$lib/server/channels/messages';
import { endpoint } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { searchMessagesSchema } from '$lib/shared/schemas/channels';

/** `?q=`: full-text search over the messages of the channels one belongs to. */
export const GET = endpoint(async (event) => {
	const { q, limit } = readQuery(event.url, searchMessagesSchema);
	return json({ items: await searchMessages(await actorOf(event), q, limit), nextCursor: null });
});
