import { and, countDistinct, eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { pollVoters, polls, proposals } from '../db/schema';
import { DomainError } from '../errors';
import type { PhaseKind } from '$lib/shared/schemas/consultations';
import { pollResults } from './ballots';
import { listCommitments } from './commitments';
import { identityOf } from './identity';
import { livesWithin, loadConsultation, manualMoveOf, phaseNow, SUPPORT_PHASES } from './load';
import { opensAt } from './phases';
import { canConsultation } from './policy';
import { listPolls } from './polls';
import { listProposals } from './proposals';
import { consultationView, isFollowing } from './service';

/** A poll's results for this reader, or null while its setting hides them. */
export async function visibleResults(actor: Actor | null, pollId: string) {
	try {
		return await pollResults(actor, pollId);
	} catch (error) {
		if (error instanceof DomainError && error.details.extra?.reason === 'results_hidden')
			return null;
		throw error;
	}
}

/**
 * What every page of a consultation shows around its own content, for this reader: the
 * consultation, the current phase, when each phase opens, whether they follow it and tied their
 * identity, and what they may do. The consultation's page, its proposals, a proposal and a poll
 * each read it once beside their own query.
 */
export async function consultationFrame(actor: Actor | null, id: string) {
	const row = await loadConsultation(actor, id);
	const [consultation, { phases, current }, following, identity, eligible] = await Promise.all([
		consultationView(row),
		phaseNow(row),
		isFollowing(actor, id),
		actor ? identityOf(actor).catch(() => null) : null,
		actor ? livesWithin(actor, row) : false
	]);
	const opens = (kind: PhaseKind) =>
		opensAt(phases, kind, manualMoveOf(row), now())?.toISOString() ?? null;
	return {
		consultation,
		phase: current,
		opens: {
			proposals: opens('proposals'),
			supports: opens('supports'),
			voting: opens('voting'),
			results: opens('results')
		},
		following,
		identityTied: identity?.tied ?? false,
		can: {
			run: canConsultation(actor, 'run', row),
			assist: row.assistedBallots && canConsultation(actor, 'assist', row),
			takePart: eligible,
			propose: eligible && current === 'proposals',
			support: eligible && SUPPORT_PHASES.includes(current)
		}
	};
}

/**
 * Everything a consultation's page shows, for this reader: its frame, the most supported
 * proposals, the polls with the results the reader may see, turnout and answers, and the
 * commitments.
 */
export async function consultationPage(actor: Actor | null, id: string) {
	const frame = await consultationFrame(actor, id);
	const [top, pollList, commitments, answers, turnout] = await Promise.all([
		listProposals(actor, id, { sort: 'supports', limit: 5 }),
		listPolls(actor, id),
		listCommitments(actor, id),
		answerCounts(id),
		peopleWhoVoted(id)
	]);
	const polls = await Promise.all(
		pollList.map(async (poll) => ({ poll, results: await visibleResults(actor, poll.id) }))
	);
	return { ...frame, proposals: top, answers, polls, turnout, commitments };
}

/** How many proposals there are, and how many the organisation answered each way. */
async function answerCounts(consultationId: string) {
	const rows = await db
		.select({ state: proposals.state, n: sql<number>`count(*)::int` })
		.from(proposals)
		.where(and(eq(proposals.consultationId, consultationId), eq(proposals.moderation, 'visible')))
		.groupBy(proposals.state);
	const of = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
	return {
		total: rows.reduce((sum, r) => sum + r.n, 0),
		evaluating: of('evaluating'),
		accepted: of('accepted'),
		rejected: of('rejected')
	};
}

/** Turnout: the people who voted in any of its polls, by any channel (counts only). */
async function peopleWhoVoted(consultationId: string) {
	const [row] = await db
		.select({ people: countDistinct(pollVoters.voter) })
		.from(pollVoters)
		.innerJoin(polls, eq(polls.id, pollVoters.pollId))
		.where(eq(polls.consultationId, consultationId));
	return { people: row?.people ?? 0 };
}
