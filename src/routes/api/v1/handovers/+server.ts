import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { pendingHandoversOf } from '$lib/server/needs/handovers';

/** Pending requests waiting for the caller's answer, and those the caller made. */
export const GET = endpoint(async (event) =>
	json({ items: await pendingHandoversOf(await actorOf(event)) })
);
