import type { ActivityKind } from './schemas/activities';

/** Someone with a need's page open. */
export interface NeedViewer {
	userId: string;
	name: string;
	organisation: string | null;
}

/**
 * Someone doing something for the person right now, until `expiresAt`. Acting on a need makes
 * one its helper: only those who may see its helpers get the name and organisation; anyone else
 * gets `name: null` ("someone is calling") and a key that names nobody.
 */
export interface NeedActivity {
	userId: string;
	name: string | null;
	organisation: string | null;
	kind: ActivityKind;
	expiresAt: string;
}

/**
 * `need:presence`: who is looking at a need and who is acting on it. `now` is the server's
 * clock when it was sent, so that a countdown is right whatever the browser's clock says.
 * Viewers are named only to the need's circle (its author, its organisation's people, its
 * helpers); anyone else gets `viewers: []` and how many people are looking, `viewerCount`.
 */
export interface NeedPresence {
	needId: string;
	viewers: NeedViewer[];
	/** People with the page open (the recipient included when they have it open too). */
	viewerCount: number;
	activities: NeedActivity[];
	now: string;
}
