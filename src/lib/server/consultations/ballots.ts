import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { authorize, type Actor } from '../auth/actor';
import { recordAudit } from '../administration/audit';
import { currentDatabase, db, type Executor } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { anonymousBallots, pollOptions, pollVoters, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import type { BallotChoices, CastBallotInput } from '$lib/shared/schemas/consultations';
import type { PollResultsView } from '$lib/shared/views/consultations';
import { countPoll, type Ballot } from './counting';
import { identityHash } from './identity';
import { assertEligible } from './load';
import { canConsultation } from './policy';
import { loadPoll, votedIn, type PollRow } from './polls';

const invalidBallot = () => new DomainError('invalid_input', { fields: { choices: 'v_ballot' } });

/** The ballot, checked against the poll's method and options, as it is stored. */
function checkedChoices(
	poll: PollRow,
	optionIds: Set<string>,
	choices: BallotChoices
): BallotChoices {
	const scored = choices.length > 0 && typeof choices[0] === 'object';
	if ((poll.method === 'score') !== scored) throw invalidBallot();
	const ids = scored
		? (choices as { optionId: string }[]).map((c) => c.optionId)
		: (choices as string[]);
	if (new Set(ids).size !== ids.length || !ids.every((id) => optionIds.has(id)))
		throw invalidBallot();
	if (poll.method === 'single' && ids.length !== 1) throw invalidBallot();
	if (poll.method === 'approval' && ids.length > (poll.maxChoices ?? optionIds.size))
		throw invalidBallot();
	return choices;
}

const already = () => new DomainError('conflict', { extra: { reason: 'already_voted' } });

/**
 * Casts a ballot: from the person's own account, or, with `onBehalfOf`, recorded by an operator
 * of the consultation's organisation for a resident without a device (with their consent, where
 * the consultation allows it; in the audit log, never with the choice or the code). Counted once
 * per person whatever the channel: `poll_voters`' primary key is the person (their identity's
 * keyed hash when they tied one, else their account). In a poll that is not anonymous the same
 * account casting again while it is open replaces its ballot; otherwise the second is
 * `already_voted`. An anonymous ballot goes to `anonymous_ballots`, which nothing ties to its voter.
 */
export async function castBallot(actor: Actor | null, pollId: string, input: CastBallotInput) {
	const { poll, consultation, status, optionIds, voterKey } = await loadPoll(actor, pollId);
	const assisted = input.onBehalfOf;
	let voter: string;
	if (assisted) {
		authorize(actor, canConsultation(actor, 'assist', consultation));
		if (!consultation.assistedBallots)
			throw new DomainError('forbidden', { extra: { reason: 'assisted_off' } });
		voter = `i:${identityHash(assisted.personKey)}`;
	} else {
		await assertEligible(actor, consultation);
		authorize(actor, actor !== null);
		voter = voterKey ?? `u:${actor.id}`;
		if ((consultation.assistedBallots || consultation.requireIdentity) && !voter.startsWith('i:'))
			throw new DomainError('forbidden', {
				extra: { reason: 'not_eligible', requirement: 'identity' }
			});
	}
	const choices = checkedChoices(poll, new Set(optionIds), input.choices);
	if (status !== 'open') throw new DomainError('conflict', { extra: { reason: 'poll_closed' } });
	const channel = assisted ? ('assisted' as const) : ('online' as const);
	const row = {
		pollId,
		voter,
		userId: assisted ? null : actor.id,
		channel,
		recordedBy: assisted ? actor.id : null,
		choices: poll.anonymous ? null : choices
	};
	/**
	 * Counts the ballot in one statement (no transaction to open and close: the busy path), the
	 * anonymous ballot written by the same statement only when its voter row was; an assisted
	 * one adds its audit entry in a transaction with it.
	 */
	const count = async (ex: Executor): Promise<Date> => {
		if (poll.anonymous) {
			const [counted] = currentDatabase().rows<{ cast_at: string | Date }>(
				await ex.execute(sql`
					with counted as (
						insert into ${pollVoters} (poll_id, voter, user_id, channel, recorded_by)
						values (${pollId}, ${voter}, ${row.userId}::uuid, ${channel}, ${row.recordedBy}::uuid)
						on conflict (poll_id, voter) do nothing
						returning cast_at
					), ballot as (
						insert into ${anonymousBallots} (poll_id, choices)
						select ${pollId}, ${JSON.stringify(choices)}::jsonb from counted
					)
					select cast_at from counted`)
			);
			if (!counted) throw already();
			return new Date(counted.cast_at);
		}
		// The same account casting again replaces its ballot; any other is refused.
		const [counted] = await ex
			.insert(pollVoters)
			.values(row)
			.onConflictDoUpdate({
				target: [pollVoters.pollId, pollVoters.voter],
				set: { choices, castAt: sql`now()` },
				setWhere: sql`${pollVoters.channel} = 'online' and excluded.channel = 'online' and ${pollVoters.userId} = excluded.user_id`
			})
			.returning({ castAt: pollVoters.castAt });
		if (!counted) throw already();
		return counted.castAt;
	};
	const store = () =>
		assisted
			? db.transaction(async (tx) => {
					const at = await count(tx);
					await recordAudit(tx, {
						actorId: actor.id,
						action: 'ballot.assisted',
						subjectType: 'poll',
						subjectId: pollId,
						details: { organisationId: consultation.organisationId }
					});
					return at;
				})
			: count(db);
	const castAt = await store().catch(async (error) => {
		if (!isUniqueViolation(error)) throw error;
		// Two ballots of one account at once can meet on the account's own unique index before
		// the upsert sees the other's row; once it is committed, casting again replaces it. In an
		// anonymous poll (or an account that voted under another key) the first stands.
		if (poll.anonymous) throw already();
		return store().catch((again) => {
			throw isUniqueViolation(again) ? already() : again;
		});
	});
	publish('consultation.changed', { consultationId: consultation.id });
	return { pollId, castAt: castAt.toISOString() };
}

/** The stored ballots of a poll, as the count reads them. */
async function ballotsOf(poll: PollRow): Promise<Ballot[]> {
	const stored = poll.anonymous
		? await db
				.select({ choices: anonymousBallots.choices })
				.from(anonymousBallots)
				.where(eq(anonymousBallots.pollId, poll.id))
		: await db
				.select({ choices: pollVoters.choices })
				.from(pollVoters)
				.where(eq(pollVoters.pollId, poll.id));
	return stored.map(({ choices }): Ballot => {
		if (poll.method === 'score')
			return {
				method: 'score',
				scores: Object.fromEntries(
					(choices as { optionId: string; score: number }[]).map((c) => [c.optionId, c.score])
				)
			};
		return { method: poll.method, choices: (choices ?? []) as string[] };
	});
}

/** A poll's count as the API answers it. */
export async function countedPoll(poll: PollRow): Promise<PollResultsView> {
	const options = await db
		.select({ id: pollOptions.id })
		.from(pollOptions)
		.where(eq(pollOptions.pollId, poll.id))
		.orderBy(asc(pollOptions.position));
	const result = countPoll(
		poll.method,
		options.map((o) => o.id),
		await ballotsOf(poll)
	);
	const field = poll.method === 'score' ? 'score' : 'votes';
	return {
		ballots: result.ballots,
		tally: result.tallies.map((t) => ({ optionId: t.optionId, [field]: t.value })),
		...(poll.method === 'ranked'
			? {
					rounds: result.rounds.map((r) => ({
						tally: r.tallies.map((t) => ({ optionId: t.optionId, votes: t.value })),
						exhausted: r.exhausted,
						eliminated: r.eliminated
					}))
				}
			: {}),
		winner: result.winners.length === 1 ? result.winners[0] : null,
		winners: result.winners
	};
}

/**
 * A poll's results, shown as its `results` setting says: always, after one's own vote, or only
 * once closed (403 `results_hidden` until then); its organisers see them always, except in an
 * anonymous poll, whose results everyone sees once it is closed.
 */
export async function pollResults(actor: Actor | null, pollId: string): Promise<PollResultsView> {
	const { poll, consultation, status } = await loadPoll(actor, pollId);
	// An anonymous poll's count waits for its close, for its organisers too: seen moving ballot
	// by ballot beside the list of who voted when, it would tell how each person voted.
	const shown =
		status === 'closed' ||
		(!poll.anonymous && poll.results === 'always') ||
		(!poll.anonymous && canConsultation(actor, 'run', consultation)) ||
		(poll.results === 'after_vote' &&
			actor !== null &&
			(await votedIn(actor.id, [pollId])).size > 0);
	if (!shown) throw new DomainError('forbidden', { extra: { reason: 'results_hidden' } });
	return countedPoll(poll);
}

const recorders = alias(users, 'recorders');
const VOTERS_SHOWN = 500;

/**
 * Who voted in a poll, for its organisers (turnout and audit), never how: the account's name,
 * or for an assisted ballot who recorded it (the latest 500, and how many in all). Never the
 * codice fiscale or its hash.
 */
export async function pollVotersList(actor: Actor | null, pollId: string) {
	const { consultation } = await loadPoll(actor, pollId);
	authorize(actor, canConsultation(actor, 'run', consultation));
	const rows = await db
		.select({
			name: users.name,
			channel: pollVoters.channel,
			recordedBy: recorders.name,
			castAt: pollVoters.castAt
		})
		.from(pollVoters)
		.leftJoin(users, eq(users.id, pollVoters.userId))
		.leftJoin(recorders, eq(recorders.id, pollVoters.recordedBy))
		.where(eq(pollVoters.pollId, pollId))
		.orderBy(desc(pollVoters.castAt))
		.limit(VOTERS_SHOWN);
	const [total] = await db
		.select({ n: count() })
		.from(pollVoters)
		.where(eq(pollVoters.pollId, pollId));
	return {
		total: total.n,
		items: rows.map((r) => ({
			name: r.name,
			channel: r.channel,
			recordedBy: r.recordedBy,
			castAt: r.castAt.toISOString()
		}))
	};
}
