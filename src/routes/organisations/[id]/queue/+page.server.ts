import { listCategories } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { guardPage, pageId } from '$lib/server/http/pages';
import { listNeeds } from '$lib/server/needs/service';
import { canOrganisation } from '$lib/server/orgs/policy';
import { getOrganisation } from '$lib/server/orgs/service';
import { DomainError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

/** An organisation's queue: its needs, open first, with who is helping. For its members. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const organisation = await getOrganisation(actor, pageId(event.params.id));
		if (!canOrganisation(actor, 'viewMembers', organisation))
			throw new DomainError(actor ? 'forbidden' : 'unauthenticated');
		const cursor = event.url.searchParams.get('cursor') ?? undefined;
		const [page, categories] = await Promise.all([
			listNeeds(actor, { organisationId: organisation.id, sort: 'urgency', limit: 50, cursor }),
			listCategories()
		]);
		return { organisation, page, categories };
	});
