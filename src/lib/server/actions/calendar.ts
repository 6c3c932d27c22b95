import ical from 'ical-generator';
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { actions, actionSessions } from '../db/schema';
import { loadAction } from './service';
import { actionRows, visibleActions, type ActionRow } from './views';

const PRODUCT = { company: 'Rete', product: 'Rete', language: 'IT' };
/** How far back the network's calendar reaches: actions that ended within a month. */
const PAST_DAYS = 31;

function addAction(
	calendar: ReturnType<typeof ical>,
	row: ActionRow,
	sessions: (typeof actionSessions.$inferSelect)[],
	origin: string
) {
	const url = `${origin}/actions/${row.action.id}`;
	const where = row.territories.map((t) => t.name).join(', ');
	// One event per session; an action without sessions is one event over its days.
	const events = sessions.length
		? sessions.map((s) => ({ id: s.id, start: s.startsAt, end: s.endsAt, location: s.place }))
		: [{ id: row.action.id, start: row.action.startsAt, end: row.action.endsAt, location: where }];
	for (const e of events)
		calendar.createEvent({
			id: `${e.id}@rete`,
			start: e.start,
			end: e.end,
			summary: row.action.title,
			description: `${row.action.description}\n\n${row.leadOrganisationName}`,
			location: e.location,
			url
		});
}

async function sessionsOfActions(ids: string[]) {
	if (!ids.length) return [];
	return db
		.select()
		.from(actionSessions)
		.where(inArray(actionSessions.actionId, ids))
		.orderBy(asc(actionSessions.startsAt));
}

/** An action's calendar (RFC 5545): its sessions, for whoever may see the action. */
export async function actionCalendar(actor: Actor | null, id: string, origin: string) {
	const row = await loadAction(actor, id);
	const calendar = ical({ name: row.action.title, prodId: PRODUCT, timezone: 'Europe/Rome' });
	addAction(calendar, row, await sessionsOfActions([id]), origin);
	return calendar.toString();
}

/** The network's calendar: every action this person may see (signed out: public ones), not long over. */
export async function networkCalendar(actor: Actor | null, origin: string, name: string) {
	const since = new Date(now().getTime() - PAST_DAYS * 86_400_000);
	const ids = await db
		.select({ id: actions.id })
		.from(actions)
		.where(
			and(visibleActions(actor), gt(actions.endsAt, since), sql`${actions.status} <> 'cancelled'`)
		)
		.orderBy(asc(actions.startsAt))
		.limit(500);
	const rows = await actionRows(ids.map((r) => r.id));
	const sessions = await sessionsOfActions(rows.map((r) => r.action.id));
	const calendar = ical({ name, prodId: PRODUCT, timezone: 'Europe/Rome' });
	for (const row of rows)
		addAction(
			calendar,
			row,
			sessions.filter((s) => s.actionId === row.action.id),
			origin
		);
	return calendar.toString();
}
