import { json } from '@sveltejs/kit';
import { deleteMessage, editMessage } from '$lib/server/channels/messages';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { editMessageSchema } from '$lib/shared/schemas/channels';

export const PATCH = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const { body } = await readJson(event.request, editMessageSchema, 64 * 1024);
	return json({ message: await editMessage(await actorOf(event), id, body) });
});

export const DELETE = endpoint(async (event) =>
	json({ message: await deleteMessage(await actorOf(event), idParam(event.params.id)) })
);
