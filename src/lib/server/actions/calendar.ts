import ical from 'ical-generator';
import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { actions, actionSessions } from '../db/schema';
import type { ActionsQuery } from '$lib/shared/schemas/actions';
import { actionFilters, loadAction } from './service';
import { actionRows, type ActionRow } from './views';

const PRODUCT = { company: 'Rete', product: 'Rete', language: 'IT' };
/** How far back the network's calendar reaches: actions that ended within a month. */
const PAST_DAYS = 31;
/** More actions than one calendar shows. */
const LIMIT = 500;

/** One entry of the calendar: a session of an action, or an action without sessions over its days. */
export interface CalendarEvent {
	id: string;
	actionId: string;
	title: string;
	kind: ActionRow['action']['kind'];
	status: ActionRow['action']['status'];
	organisationName: string;
	start: Date;
	end: Date;
	place: string;
	session: boolean;
}

function eventsOf(
	row: ActionRow,
	sessions: (typeof actionSessions.$inferSelect)[]
): CalendarEvent[] {
	const common = {
		actionId: row.action.id,
		title: row.action.title,
		kind: row.action.kind,
		status: row.action.status,
		organisationName: row.leadOrganisationName
	};
	if (!sessions.length)
		return [
			{
				...common,
				id: row.action.id,
				start: row.action.startsAt,
				end: row.action.endsAt,
				place: row.territories.map((t) => t.name).join(', '),
				session: false
			}
		];
	return sessions.map((s) => ({
		...common,
		id: s.id,
		start: s.startsAt,
		end: s.endsAt,
		place: s.place,
		session: true
	}));
}

function addEvents(
	calendar: ReturnType<typeof ical>,
	events: CalendarEvent[],
	description: (actionId: string) => string,
	origin: string
) {
	for (const e of events)
		calendar.createEvent({
			id: `${e.id}@rete`,
			start: e.start,
			end: e.end,
			summary: e.title,
			description: description(e.actionId),
			location: e.place,
			url: `${origin}/actions/${e.actionId}`
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
	addEvents(calendar, eventsOf(row, await sessionsOfActions([id])), () => describe(row), origin);
	return calendar.toString();
}

function describe(row: ActionRow) {
	return `${row.action.description}\n\n${row.leadOrganisationName}`;
}

type CalendarQuery = Omit<ActionsQuery, 'cursor' | 'limit'> & { from: Date };

/**
 * The actions (not cancelled) this person may see (signed out: public ones) that take place
 * in the period asked (from `from`, until `to` if given), as calendar entries in time order.
 */
async function calendarOf(actor: Actor | null, query: CalendarQuery) {
	const ids = await db
		.select({ id: actions.id })
		.from(actions)
		.where(and(...actionFilters(actor, query), sql`${actions.status} <> 'cancelled'`))
		.orderBy(asc(actions.startsAt))
		.limit(LIMIT);
	const rows = await actionRows(ids.map((r) => r.id));
	const sessions = await sessionsOfActions(rows.map((r) => r.action.id));
	const { from, to } = query;
	const events = rows
		.flatMap((row) =>
			eventsOf(
				row,
				sessions.filter((s) => s.actionId === row.action.id)
			)
		)
		.filter((e) => e.end > from && (!to || e.start < to))
		.sort((a, b) => a.start.getTime() - b.start.getTime());
	return { rows, events };
}

/** The network's calendar page: what takes place in the period and matches the filters. */
export async function calendarEvents(actor: Actor | null, query: CalendarQuery) {
	return (await calendarOf(actor, query)).events;
}

/** The network's calendar feed: every action this person may see, not long over. */
export async function networkCalendar(actor: Actor | null, origin: string, name: string) {
	const since = new Date(now().getTime() - PAST_DAYS * 86_400_000);
	const { rows, events } = await calendarOf(actor, { from: since });
	const byId = new Map(rows.map((r) => [r.action.id, r]));
	const calendar = ical({ name, prodId: PRODUCT, timezone: 'Europe/Rome' });
	addEvents(calendar, events, (id) => describe(byId.get(id)!), origin);
	return calendar.toString();
}
