import { json } from '@sveltejs/kit';
import { listTargetGroups } from '$lib/server/actions/service';
import { endpoint } from '$lib/server/http/api';

/** Who actions are for, as administrators keep the list. */
export const GET = endpoint(async () => json({ items: await listTargetGroups() }));
