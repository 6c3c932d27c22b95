import { listConsultations } from '$lib/server/consultations/service';
import { mayOpenConsultation } from '$lib/server/consultations/policy';
import { actorOf, filtersFrom } from '$lib/server/http/context';
import { guardPage } from '$lib/server/http/pages';
import { consultationsQuerySchema } from '$lib/shared/schemas/consultations';
import type { PageServerLoad } from './$types';

/** Consultations, newest first; readable signed out (public ones). */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const filters = filtersFrom(event.url, consultationsQuerySchema);
		const page = await listConsultations(actor, { ...filters, limit: 20 });
		const mayOpen = !!actor && [...actor.roles.keys()].some((id) => mayOpenConsultation(actor, id));
		return { page, mayOpen };
	});
