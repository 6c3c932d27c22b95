import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { authorize } from '$lib/server/auth/actor';
import { channelPage } from '$lib/server/channels/channel-page';
import { addMemberByEmail, removeMember } from '$lib/server/channels/service';
import { actorOf } from '$lib/server/http/context';
import { pageForm, pageFormThenGo } from '$lib/server/http/page-forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { blockPerson } from '$lib/server/people/blocks';
import { m } from '$lib/paraglide/messages';
import { addMemberByEmailSchema } from '$lib/shared/schemas/channels';
import { idSchema } from '$lib/shared/schemas/common';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		// `can` says what the forms offer; the service checks again on every action.
		return channelPage(await actorOf(event), pageId(event.params.id));
	});

export const actions: Actions = {
	add: pageForm('add', addMemberByEmailSchema, async (actor, id, { email }) => {
		await addMemberByEmail(actor, id, email);
		return m.channel_member_added();
	}),
	remove: pageForm('members', z.object({ userId: idSchema }), async (actor, id, { userId }) => {
		await removeMember(actor, id, userId);
		return m.channel_member_removed();
	}),
	// Whoever put one here, or writes to one, can be blocked from the list of members.
	block: pageForm('members', z.object({ userId: idSchema }), async (actor, _id, { userId }) => {
		await blockPerson(actor, userId);
		return m.block_done();
	}),
	leave: pageFormThenGo('members', z.object({}), async (actor, id) => {
		// Signed out (or with a session that ended), there is nobody to take out: 401, not a crash.
		authorize(actor, actor !== null);
		await removeMember(actor, id, actor.id);
		return '/channels';
	})
};
