import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db, type Executor } from '../db/client';
import {
	consultationPhases,
	consultations,
	identities,
	pollOptions,
	polls,
	pollVoters
} from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import {
	phaseKinds,
	type BallotChannel,
	type CreatePollInput,
	type PhaseKind
} from '$lib/shared/schemas/consultations';
import type { PollStatus, PollView } from '$lib/shared/views/consultations';
import { loadConsultation, manualMoveOf, phaseNow, phasesOf, type ConsultationRow } from './load';
import { currentPhase, type Phase } from './phases';
import { canConsultation } from './policy';

export type PollRow = typeof polls.$inferSelect;

/**
 * Whether a poll takes ballots: between its own opening and closing times when it has them,
 * else while its consultation is in the voting phase (closed once a later phase begins).
 */
export function pollStatus(
	poll: Pick<PollRow, 'opensAt' | 'closesAt'>,
	moment: PhaseMoment,
	at: Date
): PollStatus {
	if (poll.opensAt || poll.closesAt) {
		if (poll.opensAt && at < poll.opensAt) return 'scheduled';
		if (poll.closesAt && at >= poll.closesAt) return 'closed';
		return 'open';
	}
	const position = phaseKinds.indexOf(moment.current) - phaseKinds.indexOf('voting');
	if (position !== 0) return position > 0 ? 'closed' : 'scheduled';
	// Voting as the last phase stays current after its end: its end closes the poll then.
	const voting = moment.phases.at(-1);
	return voting?.kind === 'voting' && at >= voting.endsAt ? 'closed' : 'open';
}

/** The consultation's phase now, and its phases. */
interface PhaseMoment {
	current: PhaseKind;
	phases: readonly Phase[];
}

/**
 * The key a person votes under, as SQL: the key the account already voted under in this poll
 * (it may have tied its identity since), else its tied identity's hash, else the account.
 */
const voterKey = (userId: string, pollId: SQL | string) =>
	sql<string>`coalesce(
		(select ${pollVoters.voter} from ${pollVoters} where ${pollVoters.pollId} = ${pollId} and ${pollVoters.userId} = ${userId}),
		(select 'i:' || ${identities.identityHash} from ${identities} where ${identities.userId} = ${userId}),
		${`u:${userId}`})`;

/** The key a person votes under outside any poll: their tied identity's hash, else their account. */
async function personKeyOf(userId: string): Promise<string> {
	const [tied] = await db
		.select({ hash: identities.identityHash })
		.from(identities)
		.where(eq(identities.userId, userId));
	return tied ? `i:${tied.hash}` : `u:${userId}`;
}

async function toViews(
	rows: PollRow[],
	moment: PhaseMoment,
	actor: Actor | null
): Promise<PollView[]> {
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const [options, voted] = await Promise.all([
		db
			.select()
			.from(pollOptions)
			.where(inArray(pollOptions.pollId, ids))
			.orderBy(asc(pollOptions.position)),
		actor ? votedIn(actor.id, ids) : Promise.resolve(new Map<string, BallotChannel>())
	]);
	const at = now();
	return rows.map((r) => ({
		id: r.id,
		consultationId: r.consultationId,
		question: r.question,
		method: r.method,
		options: options.filter((o) => o.pollId === r.id).map((o) => ({ id: o.id, label: o.label })),
		maxChoices: r.maxChoices,
		results: r.results,
		anonymous: r.anonymous,
		opensAt: r.opensAt?.toISOString() ?? null,
		closesAt: r.closesAt?.toISOString() ?? null,
		status: pollStatus(r, moment, at),
		voted: voted.has(r.id),
		votedBy: voted.get(r.id) ?? null
	}));
}

/**
 * The polls (of `ids`) this person voted in, and how: from their account, or assisted under
 * their identity.
 */
export async function votedIn(userId: string, ids: string[]): Promise<Map<string, BallotChannel>> {
	const voter = await personKeyOf(userId);
	const rows = await db
		.select({ pollId: pollVoters.pollId, channel: pollVoters.channel })
		.from(pollVoters)
		.where(
			and(
				inArray(pollVoters.pollId, ids),
				sql`(${pollVoters.voter} = ${voter} or ${pollVoters.userId} = ${userId})`
			)
		);
	return new Map(rows.map((r) => [r.pollId, r.channel]));
}

/**
 * The poll, its consultation, the consultation's phases, the poll's option ids and the key the
 * reader votes under, in one query (a ballot reads them all), for someone who may see them
 * (`not_found` otherwise).
 */
export async function loadPoll(actor: Actor | null, id: string, tx: Executor = db) {
	const [row] = await tx
		.select({
			poll: polls,
			consultation: consultations,
			phases: sql<{ kind: PhaseKind; startsAt: string; endsAt: string }[]>`coalesce((
				select json_agg(json_build_object('kind', p.kind, 'startsAt', p.starts_at, 'endsAt', p.ends_at) order by p.position)
				from ${consultationPhases} p where p.consultation_id = ${polls.consultationId}), '[]'::json)`,
			optionIds: sql<string[]>`coalesce((
				select json_agg(o.id order by o.position) from ${pollOptions} o where o.poll_id = ${polls.id}), '[]'::json)`,
			voterKey: actor ? voterKey(actor.id, sql`${polls.id}`) : sql<null>`null`
		})
		.from(polls)
		.innerJoin(consultations, eq(consultations.id, polls.consultationId))
		.where(eq(polls.id, id));
	if (!row || !canConsultation(actor, 'view', row.consultation)) throw new DomainError('not_found');
	const phases = row.phases.map((p) => ({
		kind: p.kind,
		startsAt: new Date(p.startsAt),
		endsAt: new Date(p.endsAt)
	}));
	const moment = { current: currentPhase(phases, manualMoveOf(row.consultation), now()), phases };
	return {
		poll: row.poll,
		consultation: row.consultation,
		optionIds: row.optionIds,
		/** Whom the reader's own ballot counts for (null signed out). */
		voterKey: row.voterKey,
		moment,
		status: pollStatus(row.poll, moment, now())
	};
}

export async function getPoll(actor: Actor | null, id: string): Promise<PollView> {
	const { poll, moment } = await loadPoll(actor, id);
	return (await toViews([poll], moment, actor))[0];
}

export async function listPolls(actor: Actor | null, consultationId: string): Promise<PollView[]> {
	const consultation = await loadConsultation(actor, consultationId);
	const [moment, rows] = await Promise.all([
		phaseNow(consultation),
		db
			.select()
			.from(polls)
			.where(eq(polls.consultationId, consultationId))
			.orderBy(asc(polls.createdAt), asc(polls.id))
	]);
	return toViews(rows, moment, actor);
}

/**
 * The consultation's coordinators open a poll. One without its own closing time needs the
 * consultation's voting phase to open and close it.
 */
export async function createPoll(
	actor: Actor | null,
	consultationId: string,
	input: CreatePollInput
): Promise<PollView> {
	const consultation: ConsultationRow = await loadConsultation(actor, consultationId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	const phases = await phasesOf(consultationId);
	// A window of its own needs its end; without one, the voting phase opens and closes it.
	if (input.opensAt && !input.closesAt)
		throw new DomainError('invalid_input', { fields: { closesAt: 'v_required' } });
	if (!input.closesAt && !phases.some((p) => p.kind === 'voting'))
		throw new DomainError('invalid_input', { fields: { closesAt: 'v_poll_window' } });
	const row = await db.transaction(async (tx) => {
		const [poll] = await tx
			.insert(polls)
			.values({
				consultationId,
				question: input.question,
				method: input.method,
				maxChoices: input.method === 'approval' ? (input.maxChoices ?? input.options.length) : null,
				// An anonymous poll's count shows only once it is closed: a tally seen moving ballot
				// by ballot, beside who voted when, would tell how each person voted.
				results: input.anonymous ? 'after_close' : input.results,
				anonymous: input.anonymous,
				opensAt: input.opensAt,
				closesAt: input.closesAt,
				createdBy: actor.id
			})
			.returning();
		await tx
			.insert(pollOptions)
			.values(input.options.map((label, position) => ({ pollId: poll.id, label, position })));
		return poll;
	});
	publish('consultation.changed', { consultationId });
	return (await toViews([row], await phaseNow(consultation), actor))[0];
}
