import { actorOf } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { retentionSchedule } from '$lib/server/privacy/retention';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => retentionSchedule(await actorOf(event)));
