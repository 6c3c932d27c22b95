import type { Actor } from '../auth/actor';

export type AdministrationAction =
	| 'manageSkills'
	| 'manageCategories'
	| 'manageAdministrators'
	| 'viewAuditLog'
	| 'viewOutbox'
	| 'setUpNetwork';

/** The network's own settings and records are for network administrators only. */
export function canAdminister(actor: Actor | null, action: AdministrationAction): boolean {
	void action;
	return actor?.isAdmin === true;
}
