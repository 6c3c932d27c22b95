import type {
	ActionKind,
	ActionStatus,
	ActionVisibility,
	PartnerStatus,
	SignupStatus
} from '../schemas/actions';

/** A joint action or campaign as the API, the pages and the calendar send it. */
export interface ActionView {
	id: string;
	kind: ActionKind;
	title: string;
	description: string;
	leadOrganisationId: string;
	leadOrganisationName: string;
	partners: { organisationId: string; name: string; status: PartnerStatus; askedToJoin: boolean }[];
	territoryIds: string[];
	territoryNames: string[];
	targetGroupIds: string[];
	startsAt: string;
	endsAt: string;
	goal: string;
	goalCount: number | null;
	visibility: ActionVisibility;
	status: ActionStatus;
	/** The joint channel: only for those taking part (null for anyone else). */
	channelId: string | null;
	createdAt: string;
}

/** Another organisation's action that a new one would overlap (what the form shows). */
export interface ClashView {
	id: string;
	title: string;
	kind: ActionKind;
	organisationId: string;
	organisationName: string;
	territoryIds: string[];
	territoryNames: string[];
	startsAt: string;
	endsAt: string;
}

export interface CommitmentView {
	id: string;
	actionId: string;
	organisationId: string;
	organisationName: string;
	what: string;
	territoryId: string | null;
	territoryName: string | null;
	quantity: number | null;
	from: string | null;
	to: string | null;
	createdAt: string;
}

export interface TaskView {
	id: string;
	actionId: string;
	title: string;
	organisationId: string | null;
	organisationName: string | null;
	assigneeId: string | null;
	assigneeName: string | null;
	dueAt: string | null;
	done: boolean;
	doneAt: string | null;
	/** Past its due time and not done. */
	overdue: boolean;
	createdAt: string;
}

export interface SessionView {
	id: string;
	actionId: string;
	startsAt: string;
	endsAt: string;
	place: string;
	capacity: number;
	confirmedCount: number;
	waitlistCount: number;
}

/** One's place in a session: confirmed, or waiting at `position` (1 is next). */
export interface SignupView {
	id: string;
	sessionId: string;
	status: SignupStatus;
	position: number | null;
}

/** A sign-up as the organisers' list shows it. */
export interface SignupRowView extends SignupView {
	userId: string;
	name: string;
	attended: boolean | null;
	createdAt: string;
}

export interface ReachView {
	id: string;
	organisationId: string;
	organisationName: string;
	date: string;
	peopleReached: number;
	territoryId: string | null;
	territoryName: string | null;
	note: string;
}

export interface ReachTotals {
	peopleReached: number;
	goalCount: number | null;
	byTerritory: {
		territoryId: string | null;
		territoryName: string | null;
		peopleReached: number;
	}[];
	byDate: { date: string; peopleReached: number }[];
	entries: ReachView[];
}

/** Who does what where: a row per organisation and action, effort per place, and the gaps. */
export interface WhoDoesWhatView {
	rows: {
		organisationId: string;
		organisationName: string;
		lead: boolean;
		actionId: string;
		title: string;
		kind: ActionKind;
		territoryNames: string[];
		targetGroupIds: string[];
		startsAt: string;
		endsAt: string;
		commitments: { what: string; quantity: number | null; territoryName: string | null }[];
	}[];
	/** More actions matched than the table lists. */
	truncated: boolean;
	/** Actions on each place, most first (where effort piles up). */
	byTerritory: { territoryId: string; name: string; actions: number }[];
	/** For each target group, the smallest places with no action for it, on them, above or inside. */
	gaps: { targetGroupId: string; territories: { id: string; name: string }[] }[];
	/**
	 * People these actions reached: by the place each figure was recorded for (null: not said),
	 * and by target group (an action for two groups counts its people under both).
	 */
	reach: {
		total: number;
		byTerritory: { territoryId: string | null; name: string | null; peopleReached: number }[];
		byTargetGroup: { targetGroupId: string; peopleReached: number }[];
	};
}
