import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { needConsentList, recordConsent } from '$lib/server/privacy/consents';
import { consentSchema } from '$lib/shared/schemas/privacy';

export const GET = endpoint(async (event) =>
	json({ items: await needConsentList(await actorOf(event), idParam(event.params.id)) })
);

export const POST = endpoint(async (event) => {
	const id = idParam(event.params.id);
	const input = await readJson(event.request, consentSchema);
	return json({ consent: await recordConsent(await actorOf(event), id, input) }, { status: 201 });
});
