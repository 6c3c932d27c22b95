import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { roleIn, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { organisations } from '../db/schema';
import { actionCan, canAction, doers } from './policy';
import { loadAction } from './service';
import { mySignup, sessionsOf } from './sessions';
import { actionTarget, toActionView } from './views';
import { commitmentsOf, reachOf, tasksOf } from './work';

/**
 * Everything an action's page shows, for this person: the action, what they may do, its
 * sessions with their own place in each, and (for those taking part) the checklist and who
 * does what; the reach for everyone who sees it (who recorded what only for those taking part);
 * the organisations the lead may still invite, and the invitations this person answers.
 */
export async function actionPage(actor: Actor | null, id: string) {
	const row = await loadAction(actor, id);
	const target = actionTarget(row);
	const can = actionCan(actor, target);
	const action = toActionView(actor, row);
	const taking = doers(target);
	const [sessions, tasks, commitments, reach, invitable] = await Promise.all([
		sessionsOf(id),
		can.takePart ? tasksOf(id) : [],
		can.takePart ? commitmentsOf([id]) : [],
		reachOf(id, row.action.goalCount),
		can.edit
			? db
					.select({ id: organisations.id, name: organisations.name })
					.from(organisations)
					.where(
						and(
							eq(organisations.status, 'verified'),
							notInArray(organisations.id, [
								row.action.leadOrganisationId,
								...row.partners.filter((p) => p.status !== 'declined').map((p) => p.organisationId)
							])
						)
					)
					.orderBy(asc(organisations.name))
			: []
	]);
	const mine = actor
		? await Promise.all(sessions.map((s) => mySignup(actor, s.id)))
		: sessions.map(() => null);
	// Invitations this person answers: to their organisation (coordinators), or, for the lead's
	// coordinators, organisations that asked to join.
	const toAnswer = row.partners.filter(
		(p) =>
			p.status === 'invited' &&
			(p.askedToJoin
				? roleIn(actor, row.action.leadOrganisationId) === 'coordinator'
				: roleIn(actor, p.organisationId) === 'coordinator')
	);
	// Organisations of this person that could ask to join (coordinators, not yet in).
	const canAsk = actor
		? [...actor.roles]
				.filter(
					([orgId, role]) =>
						role === 'coordinator' &&
						actor.verifiedOrganisations.has(orgId) &&
						!taking.includes(orgId) &&
						!row.partners.some((p) => p.organisationId === orgId && p.status === 'invited')
				)
				.map(([orgId]) => orgId)
		: [];
	const askNames = canAsk.length
		? await db
				.select({ id: organisations.id, name: organisations.name })
				.from(organisations)
				.where(inArray(organisations.id, canAsk))
		: [];
	// What this person speaks for in the joint work: their staff roles in the doers.
	const speaksFor = taking.filter((orgId) => {
		const role = roleIn(actor, orgId);
		return role === 'coordinator' || role === 'operator';
	});
	return {
		action,
		can,
		sessions: sessions.map((s, i) => ({ ...s, mine: mine[i] })),
		tasks,
		commitments,
		reach: canAction(actor, 'take_part', target) ? reach : { ...reach, entries: [] },
		invitable,
		toAnswer,
		canAsk: askNames,
		speaksFor
	};
}

export type ActionPage = Awaited<ReturnType<typeof actionPage>>;
