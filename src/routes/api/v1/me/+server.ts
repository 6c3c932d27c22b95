import { json } from '@sveltejs/kit';
import { endpoint, readJson, requireUser } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { endBrowserSession } from '$lib/server/http/session-cookie';
import { eraseAccount } from '$lib/server/privacy/erasure';
import { eraseAccountSchema } from '$lib/shared/schemas/privacy';

export const GET = endpoint(async (event) => {
	const { user } = requireUser(event);
	return json({ user });
});

/**
 * Erases the caller's account (docs/privacy.md): `{ password, eraseMessages? }`. Every session
 * and socket ends; `409 conflict` (`last_coordinator`) while they are an organisation's last
 * coordinator.
 */
export const DELETE = endpoint(async (event) => {
	const input = await readJson(event.request, eraseAccountSchema);
	await eraseAccount(await actorOf(event), input);
	endBrowserSession(event.cookies);
	return new Response(null, { status: 204 });
});
