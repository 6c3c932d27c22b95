import { redirect } from '@sveltejs/kit';
import { changePassword, updateProfile } from '$lib/server/auth/service';
import {
	invalidateOtherSessions,
	invalidateSessionByPublicId,
	listSessions
} from '$lib/server/auth/sessions';
import { handleForm } from '$lib/server/http/forms';
import { requestOrigin } from '$lib/server/http/request-origin';
import { rememberLanguage } from '$lib/server/http/session-cookie';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema } from '$lib/shared/schemas/accounts';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function signedIn(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { user, session } = event.locals;
	if (!user || !session) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	return { user, session };
}

export const load: PageServerLoad = async (event) => {
	const { user, session } = signedIn(event);
	const sessions = await listSessions(user.id);
	return {
		profile: user,
		sessions: sessions.map((s) => ({
			publicId: s.publicId,
			device: s.device,
			createdAt: s.createdAt.toISOString(),
			lastUsedAt: s.lastUsedAt.toISOString(),
			current: s.id === session.id
		}))
	};
};

const revokeSchema = z.object({ session: z.uuid('v_invalid') });

export const actions: Actions = {
	profile: async (event) => {
		const { user } = signedIn(event);
		return handleForm(
			event.request,
			profileSchema,
			async (input) => {
				const updated = await updateProfile(user.id, input, requestOrigin(event));
				rememberLanguage(event.cookies, updated.locale);
				return {
					form: 'profile',
					success: m.account_profile_saved({}, { locale: updated.locale })
				};
			},
			{ form: 'profile' }
		);
	},
	password: async (event) => {
		const { user, session } = signedIn(event);
		return handleForm(
			event.request,
			changePasswordSchema,
			async (input) => {
				await changePassword(user.id, session.id, input);
				return { form: 'password', success: m.account_password_changed() };
			},
			{ form: 'password' }
		);
	},
	revoke: async (event) => {
		const { user } = signedIn(event);
		return handleForm(
			event.request,
			revokeSchema,
			async (input) => {
				await invalidateSessionByPublicId(user.id, input.session);
				return { form: 'sessions', success: m.account_session_revoked() };
			},
			{ form: 'sessions' }
		);
	},
	revokeOthers: async (event) => {
		const { user, session } = signedIn(event);
		await invalidateOtherSessions(user.id, session.id);
		return { form: 'sessions', success: m.account_sessions_revoked_others() };
	}
};
