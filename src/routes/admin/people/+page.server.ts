import { findPeople, setAdministrator } from '$lib/server/administration/service';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import { administratorSchema } from '$lib/shared/schemas/administration';
import { vouchedByNetwork, vouchFor, withdrawVouch } from '$lib/server/vouches/service';
import { idSchema } from '$lib/shared/schemas/common';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const vouchFormSchema = z.object({
	userId: idSchema,
	vouch: z.enum(['true', 'false'], 'v_invalid').transform((v) => v === 'true')
});

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
		const people = await findPeople(await actorOf(event), q);
		const vouched = await vouchedByNetwork(people.map((p) => p.id));
		return { q, people: people.map((p) => ({ ...p, vouched: vouched.has(p.id) })) };
	});

export const actions: Actions = {
	vouch: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, vouchFormSchema, async ({ userId, vouch }) => {
			if (vouch) await vouchFor(actor, userId, { organisationId: null, note: '' });
			else await withdrawVouch(actor, userId, null);
			return { success: vouch ? m.vouch_given() : m.vouch_withdrawn() };
		});
	},
	// Named, like `vouch`: SvelteKit allows no default action beside named ones.
	administrator: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, administratorSchema, async (input) => {
			await setAdministrator(actor, input.userId, input.isAdmin);
			return { success: input.isAdmin ? m.admin_granted() : m.admin_revoked() };
		});
	}
};
