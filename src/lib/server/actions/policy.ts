import { roleIn, type Actor, type Role } from '../auth/actor';
import type { ActionVisibility, PartnerStatus } from '$lib/shared/schemas/actions';

/** What the rules of an action look at. */
export interface ActionTarget {
	leadOrganisationId: string;
	visibility: ActionVisibility;
	partners: { organisationId: string; status: PartnerStatus }[];
}

export type ActionRule =
	/** Its page, its sessions, its calendar. */
	| 'view'
	/** Change what it says, its dates, places and status; invite partners. */
	| 'edit'
	/** Record commitments and reach, add sessions and tasks: the staff of the lead and partners. */
	| 'contribute'
	/** Tick the checklist, read the joint work (commitments, tasks, sign-up lists). */
	| 'take_part'
	/** Sign up for one of its sessions. */
	| 'sign_up';

/** The organisations doing the action: the lead and the partners that accepted. */
export const doers = (action: ActionTarget) => [
	action.leadOrganisationId,
	...action.partners.filter((p) => p.status === 'accepted').map((p) => p.organisationId)
];

/** The actor's roles in the organisations doing the action. */
function rolesIn(actor: Actor, action: ActionTarget): Role[] {
	return doers(action).flatMap((id) => {
		const role = roleIn(actor, id);
		return role ? [role] : [];
	});
}

/**
 * Who may do what with an action; the one place these rules live. A partners-only action is
 * the lead's and its accepted partners' (an invited organisation's coordinators see it, to
 * answer); a network one every signed-in person's; a public one also the signed-out's.
 */
export function canAction(actor: Actor | null, rule: ActionRule, action: ActionTarget): boolean {
	const roles = actor ? rolesIn(actor, action) : [];
	const invitedCoordinator =
		!!actor &&
		action.partners.some(
			(p) => p.status === 'invited' && roleIn(actor, p.organisationId) === 'coordinator'
		);
	const sees =
		action.visibility === 'public' ||
		(actor !== null && (action.visibility === 'network' || roles.length > 0 || invitedCoordinator));
	switch (rule) {
		case 'view':
			return sees;
		case 'edit':
			return roleIn(actor, action.leadOrganisationId) === 'coordinator';
		case 'contribute':
			return roles.some((r) => r === 'coordinator' || r === 'operator');
		case 'take_part':
			return roles.length > 0;
		case 'sign_up':
			return sees && !!actor?.emailVerified;
	}
}

/** Everything a person may do on an action's screen, from the same rules. */
export function actionCan(actor: Actor | null, action: ActionTarget) {
	return {
		edit: canAction(actor, 'edit', action),
		contribute: canAction(actor, 'contribute', action),
		takePart: canAction(actor, 'take_part', action),
		signUp: canAction(actor, 'sign_up', action)
	};
}

/** Speaks for this organisation in the action: its operators and coordinators, if it takes part. */
export function speaksFor(actor: Actor | null, action: ActionTarget, organisationId: string) {
	const role = roleIn(actor, organisationId);
	return doers(action).includes(organisationId) && (role === 'coordinator' || role === 'operator');
}

/** Answers an invitation to take part: that organisation's coordinators. */
export function answersFor(actor: Actor | null, organisationId: string) {
	return roleIn(actor, organisationId) === 'coordinator';
}
