import { authorize, type Actor } from '../auth/actor';
import { organisationCounts } from '../orgs/service';
import { listTerritories } from '../territories/service';
import { canAdminister } from './policy';
import { listCategories, listSkills } from './service';

/** Where a set-up task stands: done, to do now, or waiting for an earlier one. */
export type SetupTaskState = 'done' | 'todo' | 'blocked';

export interface SetupTask {
	id: 'territories' | 'lists' | 'organisations' | 'verification';
	state: SetupTaskState;
	/** How many there are so far (territories, skills, organisations, pending ones to verify). */
	count: number;
}

/**
 * A new network's set-up, as a checklist that ticks itself: each task is read from what the
 * network holds (counts), never from a flag someone must remember to set.
 */
export async function networkSetup(actor: Actor | null): Promise<SetupTask[]> {
	authorize(actor, canAdminister(actor, 'setUpNetwork'));
	const [territories, skills, categories, organisations] = await Promise.all([
		listTerritories(),
		listSkills(),
		listCategories(),
		organisationCounts(actor)
	]);
	const registered = organisations.pending + organisations.verified + organisations.rejected;
	const done = (yes: boolean): SetupTaskState => (yes ? 'done' : 'todo');
	return [
		{ id: 'territories', state: done(territories.length > 0), count: territories.length },
		// Categories come with a new network; skills are the network's own to list.
		{ id: 'lists', state: done(skills.length > 0 && categories.length > 0), count: skills.length },
		{ id: 'organisations', state: done(registered > 0), count: registered },
		{
			id: 'verification',
			state: organisations.verified > 0 ? 'done' : registered > 0 ? 'todo' : 'blocked',
			count: organisations.pending
		}
	];
}
