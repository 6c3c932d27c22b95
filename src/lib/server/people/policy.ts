import type { Actor } from '../auth/actor';

export interface PersonTarget {
	userId: string;
	shareContact: boolean;
	/**
	 * Whether the actor has a reason to know this person (`reasonToKnow` in the service): they
	 * share an organisation, a channel or a need's circle, or the actor is deciding on the
	 * person's invitation or join request.
	 */
	hasReason?: boolean;
}

export type PersonAction = 'viewProfile' | 'editProfile' | 'viewContact';

/**
 * A profile is for oneself, the network's administrators and people with a reason to know the
 * person, never for every account; contact details on top only if the person shares them.
 */
export function canPerson(
	actor: Actor | null,
	action: PersonAction,
	person: PersonTarget
): boolean {
	if (!actor) return false;
	const self = actor.id === person.userId;
	switch (action) {
		case 'viewProfile':
			return self || actor.isAdmin || person.hasReason === true;
		case 'editProfile':
			return self;
		case 'viewContact':
			return self || ((actor.isAdmin || person.hasReason === true) && person.shareContact);
	}
}
