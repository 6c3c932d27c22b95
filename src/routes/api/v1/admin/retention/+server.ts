import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { retentionSchedule } from '$lib/server/privacy/retention';

/** What is due to be erased and when, and the last retention runs. */
export const GET = endpoint(async (event) => json(await retentionSchedule(await actorOf(event))));
