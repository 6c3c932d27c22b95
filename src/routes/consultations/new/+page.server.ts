import { redirect } from '@sveltejs/kit';
import { createConsultation } from '$lib/server/consultations/service';
import { mayOpenConsultation } from '$lib/server/consultations/policy';
import { DomainError } from '$lib/server/errors';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { myOrganisations } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { createConsultationSchema, phaseKinds } from '$lib/shared/schemas/consultations';
import type { Actions, PageServerLoad } from './$types';

/** The organisations the person may open a consultation for: verified, as their coordinator. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		if (!actor) throw new DomainError('unauthenticated');
		const [organisations, territories] = await Promise.all([
			myOrganisations(actor),
			listTerritories()
		]);
		return {
			organisations: organisations.filter((o) => mayOpenConsultation(actor, o.id)),
			territories
		};
	});

/** The form's rows of phases (a box ticked per phase, with its dates) and settings, as the schema reads them. */
function shape(form: FormData) {
	const text = (key: string) => String(form.get(key) ?? '');
	const count = (key: string) => (text(key) === '' ? undefined : text(key));
	return {
		title: text('title'),
		description: text('description'),
		organisationId: text('organisationId'),
		territoryId: text('territoryId'),
		visibility: text('visibility'),
		phases: phaseKinds
			.filter((kind) => form.get(`phase-${kind}`) === 'on')
			.map((kind) => ({
				kind,
				startsAt: text(`${kind}-startsAt`),
				endsAt: text(`${kind}-endsAt`)
			})),
		settings: {
			supportsPerPerson: count('supportsPerPerson'),
			supportThreshold: count('supportThreshold'),
			proposalsPerPerson: count('proposalsPerPerson'),
			assistedBallots: form.get('assistedBallots') === 'on',
			requireIdentity: form.get('requireIdentity') === 'on'
		}
	};
}

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(
			event.request,
			createConsultationSchema,
			(input) => createConsultation(actor, input),
			{ shape }
		);
		if ('id' in result) redirect(303, `/consultations/${result.id}`);
		return result;
	}
};
