import { listTerritories } from '../territories/service';
import { monthSchema, type ActionsQuery } from '$lib/shared/schemas/actions';
import { monthBounds } from '$lib/shared/format';
import { listTargetGroups } from './service';

/**
 * The filters of a page that looks at actions over a month (the calendar, who does what): the
 * filters the address asked for (bad values already dropped), its month when it is one, and
 * the lists the filter form offers.
 */
export async function monthFilters(
	filters: Partial<ActionsQuery>,
	askedMonth: string | null,
	defaultMonth: string | null
) {
	const asked = monthSchema.safeParse(askedMonth);
	const month = asked.success ? asked.data : defaultMonth;
	const [territories, targetGroups] = await Promise.all([listTerritories(), listTargetGroups()]);
	return {
		query: {
			kind: filters.kind,
			territoryId: filters.territoryId,
			targetGroupId: filters.targetGroupId,
			...(month ? pick(monthBounds(month)) : {})
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

const pick = ({ from, to }: { from: Date; to: Date }) => ({ from, to });
