import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';
import { identityOf, tieIdentity } from '$lib/server/consultations/identity';
import { identitySchema } from '$lib/shared/schemas/consultations';

/** `{ tied, tiedAt }`: never the code, which is not kept. */
export const GET = endpoint(async (event) => json(await identityOf(await actorOf(event))));

/** Ties the caller's account to a codice fiscale; 409 `identity_taken` when another has it. */
export const POST = endpoint(async (event) => {
	const { personKey } = await readJson(event.request, identitySchema);
	return json(await tieIdentity(await actorOf(event), personKey));
});
