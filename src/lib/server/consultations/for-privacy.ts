import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { now } from '../clock';
import type { Executor } from '../db/client';
import { consultations, identities, polls, pollVoters } from '../db/schema';
import { phaseNow } from './load';
import { pollStatus } from './polls';

/**
 * An account is erased: its ballots stay counted, and the key that names its voter (its
 * identity's hash, or its account) is kept only while the poll is open, so that nobody votes
 * twice by erasing and signing up again (docs/decisions/0009). Called in the erasure's
 * transaction, before the account and its identity go.
 */
export async function forgetVoter(tx: Executor, userId: string) {
	const [identity] = await tx
		.select({ hash: identities.identityHash })
		.from(identities)
		.where(eq(identities.userId, userId));
	const marked = await tx
		.update(pollVoters)
		.set({ forgetAfterClose: true })
		.where(
			or(
				eq(pollVoters.userId, userId),
				identity ? eq(pollVoters.voter, `i:${identity.hash}`) : sql`false`
			)
		)
		.returning({ pollId: pollVoters.pollId });
	await forgetInClosedPolls(tx, [...new Set(marked.map((m) => m.pollId))]);
}

/**
 * The voters of erased accounts in polls that have closed since: their key becomes a random one
 * (the ballot and its count stay). Without `pollIds`, every poll that has such voters.
 */
export async function forgetInClosedPolls(tx: Executor, pollIds?: string[]) {
	if (pollIds?.length === 0) return 0;
	const pending = await tx
		.selectDistinct({ poll: polls, consultation: consultations })
		.from(pollVoters)
		.innerJoin(polls, eq(polls.id, pollVoters.pollId))
		.innerJoin(consultations, eq(consultations.id, polls.consultationId))
		.where(
			and(
				eq(pollVoters.forgetAfterClose, true),
				pollIds ? inArray(pollVoters.pollId, pollIds) : sql`true`
			)
		);
	let forgotten = 0;
	for (const { poll, consultation } of pending) {
		const moment = await phaseNow(consultation, tx);
		if (pollStatus(poll, moment, now()) !== 'closed') continue;
		const rows = await tx
			.update(pollVoters)
			.set({ voter: sql`'x:' || gen_random_uuid()`, forgetAfterClose: false })
			.where(and(eq(pollVoters.pollId, poll.id), eq(pollVoters.forgetAfterClose, true)))
			.returning({ pollId: pollVoters.pollId });
		forgotten += rows.length;
	}
	return forgotten;
}
