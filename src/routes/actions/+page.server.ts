import { listActions, listTargetGroups } from '$lib/server/actions/service';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { listTerritories } from '$lib/server/territories/service';
import { now } from '$lib/server/clock';
import { actionsQuerySchema } from '$lib/shared/schemas/actions';
import type { PageServerLoad } from './$types';

/** Joint actions and campaigns not over yet, soonest first; readable signed out (public ones). */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const filters = filtersFrom(event.url, actionsQuerySchema);
		const [page, territories, targetGroups] = await Promise.all([
			listActions(actor, { ...filters, from: filters.from ?? now(), limit: 20 }),
			listTerritories(),
			listTargetGroups()
		]);
		// Who may plan one: coordinators of a verified organisation.
		const mayPlan =
			!!actor &&
			[...actor.roles].some(
				([id, role]) => role === 'coordinator' && actor.verifiedOrganisations.has(id)
			);
		return {
			page,
			territories,
			targetGroups,
			mayPlan,
			filters: {
				kind: filters.kind,
				territoryId: filters.territoryId,
				targetGroupId: filters.targetGroupId
			}
		};
	});
