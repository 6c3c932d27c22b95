import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { listBlocks } from '$lib/server/people/blocks';

export const GET = endpoint(async (event) =>
	json({ items: await listBlocks(await actorOf(event)), nextCursor: null })
);
