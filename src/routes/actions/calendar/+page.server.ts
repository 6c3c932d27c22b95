import { calendarEvents } from '$lib/server/actions/calendar';
import { monthFilters } from '$lib/server/actions/page-filters';
import { now } from '$lib/server/clock';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { actionsQuerySchema } from '$lib/shared/schemas/actions';
import { guardPage } from '$lib/server/http/pages';
import { monthBounds, monthOf } from '$lib/shared/format';
import type { PageServerLoad } from './$types';

/** The network's calendar, a month at a time, as a grid or a list; public actions signed out. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const { query, shown, territories, targetGroups } = await monthFilters(
			filtersFrom(event.url, actionsQuerySchema),
			event.url.searchParams.get('month'),
			monthOf(now())
		);
		const month = shown.month!;
		return {
			events: await calendarEvents(await actorOf(event), { ...query, from: query.from! }),
			view: event.url.searchParams.get('view') === 'list' ? ('list' as const) : ('month' as const),
			month,
			today: now().toISOString(),
			around: monthBounds(month),
			filters: shown,
			territories,
			targetGroups
		};
	});
