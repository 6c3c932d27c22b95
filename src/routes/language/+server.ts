import { redirect } from '@sveltejs/kit';
import { setLocale } from '$lib/server/auth/service';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { rememberLanguage } from '$lib/server/http/session-cookie';
import { languageSchema } from '$lib/shared/schemas/accounts';
import type { RequestHandler } from './$types';

/** The language switch: remembered in a cookie, and on the account when signed in. */
export const POST: RequestHandler = async ({ request, locals, cookies }) => {
	// A body that is not a form is no choice at all.
	const form = await request.formData().catch(() => new FormData());
	const parsed = languageSchema.safeParse({ locale: form.get('locale') });
	if (parsed.success) {
		rememberLanguage(cookies, parsed.data.locale);
		if (locals.user) await setLocale(locals.user.id, parsed.data.locale);
	}
	const back = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof back === 'string' ? back : null));
};
