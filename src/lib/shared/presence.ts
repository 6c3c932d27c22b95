import type { ActivityKind } from './schemas/activities';

/** Someone with a need's page open. */
export interface NeedViewer {
	userId: string;
	name: string;
	organisation: string | null;
}

/** Someone doing something for the person right now, until `expiresAt`. */
export interface NeedActivity extends NeedViewer {
	kind: ActivityKind;
	expiresAt: string;
}

/**
 * `need:presence`: who is looking at a need and who is acting on it. `now` is the server's
 * clock when it was sent, so that a countdown is right whatever the browser's clock says.
 */
export interface NeedPresence {
	needId: string;
	viewers: NeedViewer[];
	activities: NeedActivity[];
	now: string;
}
