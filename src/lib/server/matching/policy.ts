import { roleIn, type Actor } from '../auth/actor';

/** What matching needs to know of a need to say who sees its suggestions. */
export interface MatchTarget {
	authorId: string | null;
	organisationId: string | null;
}

/**
 * Who sees which suggestions for a need. Its organisation's operators and coordinators see
 * offers and people; its author sees offers only: people are never suggested to a resident (it
 * would tell strangers who lives where and when they are free). Anyone else sees none.
 */
export function matchScope(actor: Actor | null, need: MatchTarget): 'all' | 'offers' | null {
	if (!actor) return null;
	const role = roleIn(actor, need.organisationId);
	if (role === 'operator' || role === 'coordinator') return 'all';
	if (need.authorId !== null && need.authorId === actor.id) return 'offers';
	return null;
}

/** Inviting a suggested person to a need: those who see people, i.e. its organisation's staff. */
export function canInvite(actor: Actor | null, need: MatchTarget): boolean {
	return matchScope(actor, need) === 'all';
}
