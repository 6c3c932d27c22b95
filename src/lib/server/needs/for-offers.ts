import { eq, inArray } from 'drizzle-orm';
import { roleIn, type Actor } from '../auth/actor';
import type { Executor } from '../db/client';
import { needParts, needs } from '../db/schema';
import { DomainError } from '../errors';
import { skillsOf } from './claims';
import { canNeed, qualifiesFor } from './policy';
import { needTarget } from './views';

export { assertKnownPlaceAndCategory } from './service';
export { takeClaim } from './claims';

/** A need an offer is asked for, as the offers capability may know it. */
export interface NeedForOffer {
	id: string;
	title: string;
	status: (typeof needs.$inferSelect)['status'];
}

/**
 * The need someone asks an offer for: it must be theirs (they asked for help), or their
 * organisation's (an operator asks for the person they follow), and still open. Anything else
 * is `not_found` or refused, as if the need were not there for them.
 */
export async function needAskedFor(
	tx: Executor,
	requester: Actor,
	needId: string
): Promise<NeedForOffer> {
	const [need] = await tx.select().from(needs).where(eq(needs.id, needId));
	if (!need || !canNeed(requester, 'view', needTarget(need)))
		throw new DomainError('invalid_input', { fields: { needId: 'v_invalid' } });
	const role = roleIn(requester, need.organisationId);
	const theirs = need.authorId === requester.id || role === 'operator' || role === 'coordinator';
	if (!theirs) throw new DomainError('invalid_input', { fields: { needId: 'v_not_your_need' } });
	if (need.status !== 'open' && need.status !== 'in_progress')
		throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
	return { id: need.id, title: need.title, status: need.status };
}

/**
 * Whether this person could take the need on at all (its visibility, claim rule and the skills
 * its parts require): an offer
 * whose author could not is refused at once, rather than when accepting fails.
 */
export async function mayTakeNeed(tx: Executor, helper: Actor, needId: string): Promise<boolean> {
	const [need] = await tx.select().from(needs).where(eq(needs.id, needId));
	if (!need) return false;
	const target = needTarget(need);
	if (!canNeed(helper, 'view', target) || !canNeed(helper, 'claim', target)) return false;
	// The qualification gate: at least one part they have the skills for.
	const parts = await tx.select().from(needParts).where(eq(needParts.needId, needId));
	const skillIds = parts.some((p) => p.requiredSkillId !== null)
		? await skillsOf(tx, helper.id)
		: [];
	return parts.some((p) => qualifiesFor(skillIds, p));
}

/** Titles of needs, for requests that name one (the request's two sides see it). */
export async function needTitles(tx: Executor, ids: string[]): Promise<Map<string, string>> {
	if (!ids.length) return new Map();
	const rows = await tx
		.select({ id: needs.id, title: needs.title })
		.from(needs)
		.where(inArray(needs.id, ids));
	return new Map(rows.map((r) => [r.id, r.title]));
}
