import { json } from '@sveltejs/kit';
import { listCategories } from '$lib/server/administration/service';
import { endpoint } from '$lib/server/http/api';

export const GET = endpoint(async () => json({ items: await listCategories(), nextCursor: null }));
