import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { actionPartners, actions, actionSessions, actionTasks, organisations } from '../db/schema';
import { subscribe } from '../events/bus';
import { coordinatorsOf } from '../orgs/members';
import { notify } from './service';

async function actionOf(actionId: string) {
	const [row] = await db
		.select({
			title: actions.title,
			leadId: actions.leadOrganisationId,
			leadName: organisations.name
		})
		.from(actions)
		.innerJoin(organisations, eq(organisations.id, actions.leadOrganisationId))
		.where(eq(actions.id, actionId));
	return row;
}

async function organisationName(id: string) {
	const [row] = await db
		.select({ name: organisations.name })
		.from(organisations)
		.where(eq(organisations.id, id));
	return row?.name ?? '';
}

async function sessionOf(sessionId: string) {
	const [row] = await db
		.select({ startsAt: actionSessions.startsAt, place: actionSessions.place })
		.from(actionSessions)
		.where(eq(actionSessions.id, sessionId));
	return row;
}

/** Joint actions: who is told what. Returns the unsubscriber. */
export function startActionNotifications(): () => void {
	const stops = [
		// Invited to take part: the organisation's coordinators. Asking to join: the lead's.
		subscribe('action.partner_asked', async ({ actionId, organisationId, askedToJoin }) => {
			const action = await actionOf(actionId);
			if (!action) return;
			const to = await coordinatorsOf([askedToJoin ? action.leadId : organisationId]);
			await notify(to, 'action_partner_asked', {
				actionId,
				title: action.title,
				organisationName: askedToJoin ? await organisationName(organisationId) : action.leadName,
				asked: askedToJoin ? 'join' : 'invite'
			});
		}),
		// The answer goes back to the side that asked.
		subscribe('action.partner_answered', async ({ actionId, organisationId, accepted }) => {
			const action = await actionOf(actionId);
			const [partner] = await db
				.select({ askedToJoin: actionPartners.askedToJoin })
				.from(actionPartners)
				.where(
					and(
						eq(actionPartners.actionId, actionId),
						eq(actionPartners.organisationId, organisationId)
					)
				);
			if (!action || !partner) return;
			const to = await coordinatorsOf([partner.askedToJoin ? organisationId : action.leadId]);
			await notify(to, 'action_partner_answered', {
				actionId,
				title: action.title,
				organisationName: partner.askedToJoin
					? action.leadName
					: await organisationName(organisationId),
				answer: accepted ? 'accepted' : 'declined'
			});
		}),
		// An overdue task: its person, else its organisation's coordinators, else the lead's.
		subscribe('action.task_overdue', async ({ actionId, taskId }) => {
			const action = await actionOf(actionId);
			const [task] = await db.select().from(actionTasks).where(eq(actionTasks.id, taskId));
			if (!action || !task || task.doneAt) return;
			const to = task.assigneeId
				? [task.assigneeId]
				: await coordinatorsOf([task.organisationId ?? action.leadId]);
			await notify(to, 'action_task_overdue', { actionId, title: action.title, task: task.title });
		}),
		// A place freed: the first who waited is confirmed, and told at once.
		subscribe('session.promoted', async ({ sessionId, actionId, userId }) => {
			const [action, session] = await Promise.all([actionOf(actionId), sessionOf(sessionId)]);
			if (!action || !session) return;
			await notify([userId], 'session_confirmed', {
				actionId,
				title: action.title,
				when: session.startsAt.toISOString(),
				place: session.place
			});
		}),
		// The day before: those confirmed.
		subscribe('session.reminder', async ({ sessionId, actionId, userIds }) => {
			const [action, session] = await Promise.all([actionOf(actionId), sessionOf(sessionId)]);
			if (!action || !session) return;
			await notify(userIds, 'session_reminder', {
				actionId,
				title: action.title,
				when: session.startsAt.toISOString(),
				place: session.place
			});
		})
	];
	return () => stops.forEach((stop) => stop());
}
