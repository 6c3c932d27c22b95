import { roleIn, verifiedIn, type Actor } from '../auth/actor';
import type { ConsultationVisibility } from '$lib/shared/schemas/consultations';

/** What the rules of a consultation look at. */
export interface ConsultationTarget {
	organisationId: string;
	visibility: ConsultationVisibility;
}

export type ConsultationRule =
	/** Its page, its phases, its proposals and results. */
	| 'view'
	/** Move its phase by hand, answer proposals, open polls, moderate: its organisation's coordinators. */
	| 'run'
	/** Record a ballot for a resident without a device: its organisation's operators and coordinators. */
	| 'assist';

/**
 * Who may do what with a consultation; the one place these rules live. A public one is read
 * signed out too, a network one by anyone signed in; its organisation's coordinators run it.
 */
export function canConsultation(
	actor: Actor | null,
	rule: ConsultationRule,
	c: ConsultationTarget
): boolean {
	switch (rule) {
		case 'view':
			return c.visibility === 'public' || actor !== null;
		case 'run':
			return roleIn(actor, c.organisationId) === 'coordinator';
		case 'assist': {
			const role = roleIn(actor, c.organisationId);
			return role === 'coordinator' || role === 'operator';
		}
	}
}

/** Opening one: coordinators of an organisation the network verified. */
export const mayOpenConsultation = (actor: Actor | null, organisationId: string) =>
	roleIn(actor, organisationId) === 'coordinator' && verifiedIn(actor, organisationId);
