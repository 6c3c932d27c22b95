import { getNetwork } from '$lib/server/network/service';
import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const network = await getNetwork();
	return {
		user: locals.user,
		networkName: network?.name ?? 'Rete',
		locale: getLocale()
	};
};
