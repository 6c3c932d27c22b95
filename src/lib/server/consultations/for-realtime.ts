import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { loadConsultation } from './load';

/** Whether this person may see the consultation (and so follow its pages live). */
export async function maySeeConsultation(actor: Actor | null, id: string): Promise<boolean> {
	try {
		await loadConsultation(actor, id);
		return true;
	} catch (error) {
		if (error instanceof DomainError && error.code === 'not_found') return false;
		throw error;
	}
}
