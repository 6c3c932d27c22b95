import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { revokeConsent } from '$lib/server/privacy/consents';

/** Revokes a consent: the sharing it allowed stops at once, open pages and sockets included. */
export const DELETE = endpoint(async (event) => {
	const needId = idParam(event.params.id);
	const consentId = idParam(event.params.consentId);
	return json({ consent: await revokeConsent(await actorOf(event), needId, consentId) });
});
