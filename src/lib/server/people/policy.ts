import type { Actor } from '../auth/actor';

export interface PersonTarget {
	userId: string;
	shareContact: boolean;
}

export type PersonAction = 'viewProfile' | 'editProfile' | 'viewContact';

/** A person's profile is for signed-in people; their contact details only if they share them. */
export function canPerson(
	actor: Actor | null,
	action: PersonAction,
	person: PersonTarget
): boolean {
	if (!actor) return false;
	const self = actor.id === person.userId;
	switch (action) {
		case 'viewProfile':
			return true;
		case 'editProfile':
			return self;
		case 'viewContact':
			return self || person.shareContact;
	}
}
