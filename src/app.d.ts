import type { Session } from '$lib/server/auth/sessions';
import type { PublicUser } from '$lib/shared/user';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: PublicUser | null;
			session: Session | null;
			/** How the request proved who it is: the browser's cookie or an API bearer token. */
			authVia: 'cookie' | 'bearer' | null;
			/** Unread notifications of the signed-in person (the bell). */
			unreadNotifications: number;
		}
	}
}

export {};
