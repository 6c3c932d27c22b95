import { actorOf } from '$lib/server/http/context';
import { getNetwork } from '$lib/server/network/service';
import { workplaces } from '$lib/server/orgs/service';
import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const network = await getNetwork();
	return {
		user: event.locals.user,
		unreadNotifications: event.locals.unreadNotifications,
		networkName: network?.name ?? 'Rete',
		/** False only during first run, when the set-up page is the only page. */
		networkReady: network !== null,
		/** For the menu's link to the organisation's work (the session already knows the roles). */
		workplaces: workplaces(await actorOf(event)),
		locale: getLocale()
	};
};
