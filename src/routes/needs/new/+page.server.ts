import { redirect } from '@sveltejs/kit';
import { listCategories, listSkills } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { formToObject, handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { canPostNeed } from '$lib/server/needs/policy';
import { createNeed } from '$lib/server/needs/service';
import { myOrganisations } from '$lib/server/orgs/service';
import { listTerritories } from '$lib/server/territories/service';
import { DomainError } from '$lib/server/errors';
import { createNeedSchema } from '$lib/shared/schemas/needs';
import type { Actions, PageServerLoad } from './$types';

const PART_ROWS = 3;

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		if (!actor) throw new DomainError('unauthenticated');
		const [categories, territories, organisations, skills] = await Promise.all([
			listCategories(),
			listTerritories(),
			myOrganisations(actor),
			listSkills()
		]);
		// Only organisations the person may post for (as operator or coordinator), not rejected ones.
		return {
			categories,
			territories,
			partRows: PART_ROWS,
			skills,
			organisations: organisations.filter(
				(o) => canPostNeed(actor, o.id) && o.status !== 'rejected'
			)
		};
	});

/**
 * The form's task rows ("partTitle1", "partCapacity1", "partSkill1"…) as the API's `parts` (empty
 * rows are skipped), and the consent fields as its `consent`.
 */
function withParts(form: FormData) {
	const parts = [];
	for (let i = 1; i <= PART_ROWS; i++) {
		const title = String(form.get(`partTitle${i}`) ?? '').trim();
		if (title)
			parts.push({
				title,
				capacity: form.get(`partCapacity${i}`) || 1,
				requiredSkillId: form.get(`partSkill${i}`) || null
			});
	}
	return {
		...formToObject(form),
		parts: parts.length ? parts : undefined,
		consent: consentOf(form)
	};
}

/**
 * The consent fields ("consent.purpose"…) as the API's `consent`, when posting for an
 * organisation and a purpose is given; without one, the contact stays with the organisation.
 */
function consentOf(form: FormData) {
	const field = (name: string) => String(form.get(`consent.${name}`) ?? '');
	if (!form.get('organisationId') || !field('purpose').trim()) return undefined;
	return {
		purpose: field('purpose'),
		recipients: field('recipients'),
		givenBy: field('givenBy'),
		note: field('note')
	};
}

export const actions: Actions = {
	default: async (event) => {
		const actor = await actorOf(event);
		const result = await handleForm(
			event.request,
			createNeedSchema,
			(input) => createNeed(actor, input),
			{
				shape: withParts
			}
		);
		// The need's page says it is posted, and what happens next.
		if ('id' in result) redirect(303, `/needs/${result.id}?posted`);
		return result;
	}
};
