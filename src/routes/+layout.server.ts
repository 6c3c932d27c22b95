import { getNetwork } from '$lib/server/network/service';
import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const network = await getNetwork();
	return {
		user: locals.user,
		unreadNotifications: locals.unreadNotifications,
		networkName: network?.name ?? 'Rete',
		/** False only during first run, when the set-up page is the only page. */
		networkReady: network !== null,
		locale: getLocale()
	};
};
