import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { loadAction } from './service';

/** Whether this person may see the action (and so follow its page live). */
export async function maySeeAction(actor: Actor | null, actionId: string): Promise<boolean> {
	try {
		await loadAction(actor, actionId);
		return true;
	} catch (error) {
		if (error instanceof DomainError && error.code === 'not_found') return false;
		throw error;
	}
}
