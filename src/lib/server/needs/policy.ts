import { isTrusted, roleIn, verifiedIn, type Actor } from '../auth/actor';
import type { claimRules } from '$lib/shared/schemas/needs';

export type ClaimRule = (typeof claimRules)[number];

export interface NeedTarget {
	organisationId: string | null;
	visibility: 'public' | 'organisation';
	authorId: string | null;
	claimRule: ClaimRule;
	/** Whether the actor currently holds a claim on the need. */
	actorHoldsClaim?: boolean;
	/** Whether an unrevoked consent lets the helpers see `contact` (absent: it does not). */
	contactShared?: boolean;
}

export type NeedAction =
	| 'view'
	| 'viewContact'
	| 'viewHistory'
	| 'edit'
	| 'claim'
	| 'askHandover'
	| 'finishClaim'
	| 'complete'
	| 'act'
	| 'openChannel'
	| 'markDuplicate'
	| 'releaseStale'
	| 'personKeyChannel'
	| 'coordinate';

/**
 * Whether the need's rule lets this person take it on (docs/trust.md): `anyone` signed in with a
 * verified address, `trusted` helpers (members of verified organisations, people vouched for,
 * and the need's own organisation), or the `organisation`'s own people.
 */
export function rulePermits(actor: Actor | null, need: NeedTarget): boolean {
	if (!actor?.emailVerified) return false;
	const own = roleIn(actor, need.organisationId) !== undefined;
	switch (need.claimRule) {
		case 'anyone':
			return true;
		case 'trusted':
			return own || isTrusted(actor);
		case 'organisation':
			return own;
	}
}

/**
 * The privacy rule of docs/api.md, and who may act on a need. An organisation-only need exists only
 * for members of its organisation. The need's circle (its author, its organisation's members, and
 * its helpers while their claim is active and the need's rule still admits them) sees the helpers
 * and the history, and `contact` as far as the person's consent shares it (docs/privacy.md); only
 * the author and the organisation's staff close it.
 */
export function canNeed(actor: Actor | null, action: NeedAction, need: NeedTarget): boolean {
	if (!actor) return false;
	const role = roleIn(actor, need.organisationId);
	const visible = need.visibility === 'public' || role !== undefined;
	if (!visible) return false;
	const author = need.authorId !== null && need.authorId === actor.id;
	const holder = need.actorHoldsClaim === true && rulePermits(actor, need);
	const owner = author || role === 'coordinator' || role === 'operator';
	switch (action) {
		case 'view':
			return true;
		// How to reach the person: helpers only while they hold a claim and the person's consent
		// lets helpers see it; otherwise the organisation puts them in touch.
		case 'viewContact':
			return author || role !== undefined || (holder && need.contactShared === true);
		// "I am calling this person now" (act): only those working on it say so.
		case 'viewHistory':
		case 'act':
		case 'openChannel':
			return author || role !== undefined || holder;
		case 'edit':
			return author || role === 'coordinator';
		case 'claim':
		case 'askHandover':
			// Nobody takes on their own request.
			return !author && rulePermits(actor, need);
		case 'finishClaim':
			return holder;
		case 'complete':
			// Closing ends everyone's help: the people the request belongs to decide.
			return owner;
		case 'markDuplicate':
			// It moves other people's help elsewhere: the author, or a coordinator who knows both.
			return author || role === 'coordinator';
		case 'releaseStale':
			// Taking a month-old claim from a helper is the organisation's decision.
			return role === 'coordinator';
		case 'coordinate':
			// Working on it together (presence, the contact log, every handover): the
			// organisation's people and the helpers, not the person who asked, who follows the
			// request's state instead.
			return role !== undefined || holder;
		case 'personKeyChannel':
			// Talking to other organisations about a person: a verified organisation's staff.
			return (
				(role === 'coordinator' || role === 'operator') && verifiedIn(actor, need.organisationId)
			);
	}
}

/**
 * The qualification gate: a part that requires a skill ("trained for home visits") may be taken
 * only by someone whose profile has it. `skillIds` are the person's, as their profile says now.
 */
export function qualifiesFor(
	skillIds: readonly string[],
	part: { requiredSkillId: string | null }
): boolean {
	return part.requiredSkillId === null || skillIds.includes(part.requiredSkillId);
}

/** What a need's page needs to know of it to say what this person may do. */
export interface NeedState extends NeedTarget {
	status: 'open' | 'in_progress' | 'fulfilled' | 'closed';
	/** Every slot of every part is taken. */
	full: boolean;
	/** Its parts, for the qualification gate (without them every part counts as open to all). */
	parts?: readonly { id: string; requiredSkillId: string | null }[];
	/** The person's skills (their profile), for the qualification gate. */
	skillIds?: readonly string[];
}

/**
 * Everything a person may do on a need's screen, from the same rules as the actions themselves:
 * a page shows a button only where its action would be allowed.
 */
export function needCan(actor: Actor | null, need: NeedState) {
	const open = need.status === 'open' || need.status === 'in_progress';
	const may = (action: NeedAction) => canNeed(actor, action, need);
	const working = may('coordinate');
	// Someone who only asked (not also its organisation's staff or a helper).
	const asker = actor !== null && need.authorId === actor.id && !working;
	const claim = open && may('claim');
	const skills = need.skillIds ?? [];
	return {
		// Her own view: where the request stands, who is helping, how to change or close it.
		asker,
		// The parts with their places and holders, who is on it now: for everyone else.
		slots: !asker && may('view'),
		presence: !asker && may('view'),
		contactLog: working,
		// Every handover for those who work on it; one's own requests for anyone else who asked.
		handovers: working ? ('all' as const) : asker ? ('none' as const) : ('own' as const),
		claim,
		// The parts this person may take: a part that requires a skill only with that skill.
		claimableParts: claim
			? (need.parts ?? []).filter((p) => qualifiesFor(skills, p)).map((p) => p.id)
			: [],
		complete: open && may('complete'),
		finishClaim: open && may('finishClaim'),
		history: may('viewHistory'),
		// "I am calling this person now": those who can reach the person, while it is open.
		act: open && may('act'),
		edit: may('edit'),
		markDuplicate: may('markDuplicate'),
		releaseStale: may('releaseStale'),
		// Every slot taken: someone who would claim may ask a holder to hand over instead.
		askHandover: open && need.full && need.actorHoldsClaim !== true && may('askHandover'),
		// Its organisation, its helpers and its author talk in the need's channel.
		channel: may('openChannel')
	};
}

export type NeedPermissions = ReturnType<typeof needCan>;

export interface NeedPosting {
	organisationId: string | null;
	contact: string;
	personKey: string | null;
	claimRule?: ClaimRule;
}

/**
 * Why this actor may not post this need, or null when they may. Anyone with a verified address
 * posts for themselves; for an organisation, its operators and coordinators. A pending
 * organisation deals with nothing about people: no contact, no person key, and its needs are for
 * its own people only.
 */
export function postingRefusal(actor: Actor | null, posting: NeedPosting): string | null {
	if (!actor) return 'unauthenticated';
	if (!actor.emailVerified) return 'email_not_verified';
	if (!posting.organisationId) return posting.claimRule === 'organisation' ? 'forbidden' : null;
	const role = roleIn(actor, posting.organisationId);
	if (role !== 'operator' && role !== 'coordinator') return 'forbidden';
	if (verifiedIn(actor, posting.organisationId)) return null;
	const aboutPeople = posting.contact !== '' || posting.personKey !== null;
	const beyondItsPeople = posting.claimRule !== undefined && posting.claimRule !== 'organisation';
	return aboutPeople || beyondItsPeople ? 'organisation_not_verified' : null;
}

/** Whom a need is for when its poster does not say: organisations' needs go to trusted helpers. */
export function defaultClaimRule(actor: Actor, organisationId: string | null): ClaimRule {
	if (!organisationId) return 'anyone';
	return verifiedIn(actor, organisationId) ? 'trusted' : 'organisation';
}

/** Posting for an organisation at all (the form's list of organisations). */
export function canPostNeed(actor: Actor | null, organisationId: string | null): boolean {
	if (!actor?.emailVerified) return false;
	if (!organisationId) return true;
	const role = roleIn(actor, organisationId);
	return role === 'operator' || role === 'coordinator';
}

/** Why a claim (or a request to take over) is refused: the reason docs/api.md names, if any. */
export function claimDenial(actor: Actor | null, need: NeedTarget): string | undefined {
	if (!actor || (need.authorId !== null && need.authorId === actor.id)) return undefined;
	if (!actor.emailVerified) return 'email_not_verified';
	return rulePermits(actor, need) ? undefined : 'not_trusted';
}
