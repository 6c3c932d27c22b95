import {
	addSkill,
	listCategories,
	listCategorySkills,
	listSkills,
	removeCategory,
	removeSkill,
	removeTargetGroup,
	saveCategory,
	saveTargetGroup,
	setCategorySkills
} from '$lib/server/administration/service';
import { listTargetGroups } from '$lib/server/actions/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import {
	categorySchema,
	categorySkillsSchema,
	skillSchema,
	targetGroupSchema
} from '$lib/shared/schemas/administration';
import { idSchema } from '$lib/shared/schemas/common';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => ({
		skills: await listSkills(),
		categories: await listCategories(),
		categorySkills: await listCategorySkills(),
		targetGroups: await listTargetGroups()
	}));

export const actions: Actions = {
	addSkill: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			skillSchema,
			async (input) => {
				await addSkill(actor, input.name);
				return { form: 'skills', success: m.saved() };
			},
			{ form: 'skills' }
		);
	},
	removeSkill: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ id: idSchema }),
			async (input) => {
				await removeSkill(actor, input.id);
				return { form: 'skills', success: m.removed() };
			},
			{ form: 'skills' }
		);
	},
	saveCategory: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			categorySchema,
			async (input) => {
				await saveCategory(actor, input);
				return { form: 'categories', success: m.saved() };
			},
			{ form: 'categories' }
		);
	},
	categorySkills: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			categorySkillsSchema,
			async (input) => {
				await setCategorySkills(actor, input.categoryId, input.skillIds);
				return { form: 'categorySkills', success: m.saved() };
			},
			{ form: 'categorySkills' }
		);
	},
	removeCategory: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ id: z.string().min(1).max(40) }),
			async (input) => {
				await removeCategory(actor, input.id);
				return { form: 'categories', success: m.removed() };
			},
			{ form: 'categories' }
		);
	},
	saveTargetGroup: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			targetGroupSchema,
			async (input) => {
				await saveTargetGroup(actor, input);
				return { form: 'targetGroups', success: m.saved() };
			},
			{ form: 'targetGroups' }
		);
	},
	removeTargetGroup: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			z.object({ id: z.string().min(1).max(40) }),
			async (input) => {
				await removeTargetGroup(actor, input.id);
				return { form: 'targetGroups', success: m.removed() };
			},
			{ form: 'targetGroups' }
		);
	}
};
