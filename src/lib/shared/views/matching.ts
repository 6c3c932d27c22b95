import type { MatchReason } from '../schemas/matching';
import type { dayParts, weekDays } from '../schemas/people';
import type { NeedView } from './needs';

export type { MatchReason };

type Day = (typeof weekDays)[number];
type DayPart = (typeof dayParts)[number];

/**
 * What a reason stands for, so that a page can say it in words ("speaks Arabic", "free on
 * Tuesday mornings", "lives in San Salvario"): names and values, never contact details.
 */
export interface MatchDetails {
	/** Skills of the category the person or offer has (`category`), by name. */
	categorySkills: string[];
	/** Skills a part requires that the person or offer has (`skill`), by name. */
	skills: string[];
	/** Where (`territory`): the place, and how it stands to the need's (or the person's home). */
	territory: { name: string; how: 'same' | 'inside' | 'around' | 'near' } | null;
	/** The time of week it is now (`available_now`). */
	now: { day: Day; part: DayPart } | null;
	/** The weekday of the due date (`available_due`). */
	dueDay: Day | null;
	/** Languages spoken in common (`language`), as codes. */
	languages: string[];
	/** Active claims (`light_load`). */
	activeClaims: number;
	/** Claims completed before in the need's category (`done_before`). */
	done: number;
}

/** An offer as a match shows it: the fields of docs/api.md's Offer. */
export interface MatchedOfferView {
	id: string;
	kind: string;
	title: string;
	description: string;
	category: string;
	territoryId: string | null;
	territoryName: string | null;
	skillIds: string[];
	availability: Partial<Record<Day, DayPart[]>>;
	capacity: number;
	acceptedCount: number;
	status: 'open';
	until: string | null;
	organisationId: string | null;
	visibility: 'public' | 'organisation';
	authorId: string;
	authorName: string;
	createdAt: string;
}

/** One suggestion for a need: an offer, or (for its organisation's staff) a person. */
export type NeedMatch = {
	score: number;
	reasons: MatchReason[];
	details: MatchDetails;
} & (
	| { type: 'offer'; offer: MatchedOfferView }
	| { type: 'person'; person: { id: string; name: string } }
);

/** One need that fits the person asking ("needs for me"). */
export interface MyMatch {
	need: NeedView;
	score: number;
	reasons: MatchReason[];
	details: MatchDetails;
}
