import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { DomainError } from '$lib/server/errors';
import type { LayoutServerLoad } from './$types';

/** Every administration page is for network administrators; the services check again. */
export const load: LayoutServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		if (!actor) throw new DomainError('unauthenticated');
		if (!actor.isAdmin) throw new DomainError('forbidden');
		return {};
	});
