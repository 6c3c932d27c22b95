import type {
	AnswerState,
	BallotChannel,
	ModerationState,
	PollMethodName,
	ResultsVisibility,
	ConsultationSettings,
	ConsultationVisibility,
	PhaseKind
} from '../schemas/consultations';

/** A participatory consultation as the API and the pages send it. */
export interface ConsultationView {
	id: string;
	title: string;
	description: string;
	organisationId: string;
	organisationName: string;
	/** Who may take part: residents of this place and everything under it; null: everyone. */
	territoryId: string | null;
	territoryName: string | null;
	visibility: ConsultationVisibility;
	phases: { kind: PhaseKind; startsAt: string; endsAt: string }[];
	currentPhase: PhaseKind;
	settings: ConsultationSettings;
	createdAt: string;
}

/** A resident's proposal, as one reader sees it. */
export interface ProposalView {
	id: string;
	consultationId: string;
	title: string;
	body: string;
	/** Empty once the author's account is gone. */
	authorName: string;
	supports: number;
	/** The organisation's answer: `published` until it gives one. */
	state: AnswerState;
	answer: string | null;
	answeredAt: string | null;
	thresholdReached: boolean;
	/** `hidden` after three reports, until a coordinator looks (only they see it then). */
	moderation: ModerationState;
	createdAt: string;
	/** The reader's own relation to it (false signed out). */
	mine: boolean;
	supportedByMe: boolean;
}

export type PollStatus = 'scheduled' | 'open' | 'closed';

export interface PollView {
	id: string;
	consultationId: string;
	question: string;
	method: PollMethodName;
	options: { id: string; label: string }[];
	/** Approval: how many options a ballot may name. */
	maxChoices: number | null;
	results: ResultsVisibility;
	anonymous: boolean;
	/** Its own window, or null where the consultation's voting phase decides. */
	opensAt: string | null;
	closesAt: string | null;
	status: PollStatus;
	/** Whether the reader (signed in) has voted in it, by any channel. */
	voted: boolean;
	/** How: from their own account, or recorded for them by an operator (then it is final). */
	votedBy: BallotChannel | null;
}

/** A poll's count, as `GET /api/v1/polls/:id/results` answers it. */
export interface PollResultsView {
	ballots: number;
	/** Highest first: `votes` (single, approval, ranked's last round) or `score` (average 0–5). */
	tally: { optionId: string; votes?: number; score?: number }[];
	/** Ranked: each round of the instant runoff. */
	rounds?: {
		tally: { optionId: string; votes: number }[];
		exhausted: number;
		eliminated: string[];
	}[];
	/** The winner, or null for a tie or an empty poll (`winners` then names the tied options). */
	winner: string | null;
	winners: string[];
}

/** What the organisation committed to after the consultation, and how far it got. */
export interface CommitmentView {
	id: string;
	title: string;
	description: string;
	proposalId: string | null;
	progress: number;
	milestones: { id: string; date: string; text: string }[];
	updatedAt: string;
}
