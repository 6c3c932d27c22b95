import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Progressive enhancement for forms that sign someone in: errors stay in the page, but the
 * redirect after success is a full page load, so the account's language and the new session's
 * socket apply to everything on the page.
 */
export const enhanceWithFullReload: SubmitFunction = () => {
	return async ({ result, update }) => {
		if (result.type === 'redirect') window.location.assign(result.location);
		else await update();
	};
};

/** After saving a profile whose language changed, reload so every string follows. */
export const enhanceReloadOnLanguageChange: SubmitFunction = ({ formData }) => {
	const chosen = formData.get('locale');
	return async ({ result, update }) => {
		await update({ reset: false });
		if (result.type === 'success' && chosen && chosen !== document.documentElement.lang) {
			window.location.reload();
		}
	};
};
