import type { Actor } from '../auth/actor';

export type TerritoryAction = 'view' | 'manage';

/** Anyone may read the map of territories; only network administrators change it. */
export function canTerritory(actor: Actor | null, action: TerritoryAction): boolean {
	if (action === 'view') return true;
	return actor?.isAdmin === true;
}
