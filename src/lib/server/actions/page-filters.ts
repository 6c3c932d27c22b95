import { filtersFrom } from '../http/context';
import { listTerritories } from '../territories/service';
import { actionsQuerySchema, monthSchema } from '$lib/shared/schemas/actions';
import { monthBounds } from '$lib/shared/format';
import { listTargetGroups } from './service';

/**
 * The filters of a page that looks at actions over a month (the calendar, who does what):
 * what the address asks for, a bad value dropped rather than refused, and the lists the
 * filter form offers.
 */
export async function monthFilters(url: URL, defaultMonth: string | null) {
	const filters = filtersFrom(url, actionsQuerySchema);
	const asked = monthSchema.safeParse(url.searchParams.get('month'));
	const month = asked.success ? asked.data : defaultMonth;
	const [territories, targetGroups] = await Promise.all([listTerritories(), listTargetGroups()]);
	return {
		query: {
			kind: filters.kind,
			territoryId: filters.territoryId,
			targetGroupId: filters.targetGroupId,
			...(month ? { from: monthBounds(month).from, to: monthBounds(month).to } : {})
		},
		shown: {
			kind: filters.kind,
			territoryId: filters.territoryId,
			targetGroupId: filters.targetGroupId,
			month: month ?? undefined
		},
		territories,
		targetGroups
	};
}
