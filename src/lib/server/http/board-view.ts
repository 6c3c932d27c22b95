import type { Cookies } from '@sveltejs/kit';

/** The board's three lists: requests for help, offers of help, or both in one. */
export const boardViews = { needs: '/needs', offers: '/offers', all: '/feed' } as const;
export type BoardView = keyof typeof boardViews;

const BOARD_COOKIE = 'rete_board';
const YEAR_SECONDS = 365 * 86_400;

/** The list the person last looked at, so the board opens where they left it. */
export function rememberedBoard(cookies: Cookies): BoardView {
	const view = cookies.get(BOARD_COOKIE);
	return view && view in boardViews ? (view as BoardView) : 'needs';
}

/** Called by each list's page: set only when it changes, so most answers carry no cookie. */
export function rememberBoard(cookies: Cookies, view: BoardView) {
	if (cookies.get(BOARD_COOKIE) === view) return;
	cookies.set(BOARD_COOKIE, view, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: YEAR_SECONDS
	});
}
