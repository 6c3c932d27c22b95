import { json } from '@sveltejs/kit';
import { listMessages, sendMessage } from '$lib/server/channels/messages';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam, readQuery } from '$lib/server/http/context';
import { messagesQuerySchema, sendMessageSchema } from '$lib/shared/schemas/channels';

/** A message is at most 4,000 characters: a body far larger is refused before it is read. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export const GET = endpoint(async (event) => {
	const query = readQuery(event.url, messagesQuerySchema);
	return json(await listMessages(await actorOf(event), idParam(event.params.id), query));
});

export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, sendMessageSchema, MAX_MESSAGE_BYTES);
	const { message } = await sendMessage(await actorOf(event), id, input);
	return json({ message }, { status: 201 });
});
