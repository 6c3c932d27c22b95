import { config } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	contact: config().contactEmail ?? null,
	sessionDays: config().sessionDays,
	retentionDays: config().retentionDays
});
