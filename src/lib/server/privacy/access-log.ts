import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { HOUR, now } from '../clock';
import { db } from '../db/client';
import { dataAccessLog, needs, organisations, users } from '../db/schema';
import type { accessChannels, accessKinds } from '$lib/shared/schemas/privacy';
import type { AccessEntryView, AccessGroupView } from '$lib/shared/views/privacy';

export type AccessKind = (typeof accessKinds)[number];
export type AccessChannel = (typeof accessChannels)[number];

/** Something of a person's someone else saw: a need's (its organisation given) or a profile's. */
export interface Seen {
	what: AccessKind;
	needId?: string;
	/** The need's organisation: the viewer's role there says "an operator of …". */
	organisationId?: string | null;
	subjectUserId?: string;
}

// One entry per viewer, thing and hour: the index decides, and this node skips what it already
// wrote this hour (a board of fifty needs read every minute is fifty writes an hour, not 3,000).
let writtenHour = 0;
const written = new Set<string>();
const keyOf = (actor: Actor, s: Seen) =>
	`${actor.id}:${s.what}:${s.needId ?? ''}:${s.subjectUserId ?? ''}`;

/** In which capacity the viewer saw it: their role in the need's organisation, else a helper. */
function capacity(actor: Actor, organisationId: string | null | undefined) {
	const role = organisationId ? actor.roles.get(organisationId) : undefined;
	if (role && organisationId) return { organisationId, viewerRole: role as string };
	// A helper from outside: "a volunteer of" their first organisation, if they have one.
	const [first] = actor.roles.keys();
	return { organisationId: first ?? null, viewerRole: 'helper' };
}

/**
 * Records that `actor` saw these things of other people's, through a page or a call. The reading
 * is the event: this is the one write a read makes, and it is part of the answer (a failure
 * fails the read), so no contact leaves without its entry.
 */
export async function noteAccess(actor: Actor, seen: readonly Seen[], via: AccessChannel) {
	if (!seen.length) return;
	const at = now();
	const hour = new Date(Math.floor(at.getTime() / HOUR) * HOUR);
	if (hour.getTime() !== writtenHour) {
		written.clear();
		writtenHour = hour.getTime();
	}
	const rows = seen
		.filter((s) => {
			if (written.has(keyOf(actor, s))) return false;
			written.add(keyOf(actor, s));
			return true;
		})
		.map((s) => ({
			needId: s.needId ?? null,
			subjectUserId: s.subjectUserId ?? null,
			viewerId: actor.id,
			...capacity(actor, s.organisationId),
			what: s.what,
			via,
			hour,
			at
		}));
	if (!rows.length) return;
	try {
		await db.insert(dataAccessLog).values(rows).onConflictDoNothing();
	} catch (error) {
		// Not written: the next read writes it again.
		for (const s of seen) written.delete(keyOf(actor, s));
		throw error;
	}
}

/** The contacts in these need views that this actor saw and did not write themselves. */
export function contactsSeen(
	actor: Actor,
	views: readonly {
		id: string;
		contact?: string;
		authorId: string | null;
		organisationId: string | null;
	}[]
): Seen[] {
	return views
		.filter((v) => v.contact && v.authorId !== actor.id)
		.map((v) => ({ what: 'need_contact', needId: v.id, organisationId: v.organisationId }));
}

const entrySelection = {
	id: dataAccessLog.id,
	at: dataAccessLog.at,
	what: dataAccessLog.what,
	via: dataAccessLog.via,
	viewerRole: dataAccessLog.viewerRole,
	viewerId: dataAccessLog.viewerId,
	needId: dataAccessLog.needId,
	needTitle: needs.title,
	viewerName: users.name,
	organisationName: organisations.name
};

function toView(r: {
	id: string;
	at: Date;
	what: AccessKind;
	via: AccessChannel;
	viewerRole: string;
	viewerId: string | null;
	needId: string | null;
	needTitle: string | null;
	viewerName: string | null;
	organisationName: string | null;
}): AccessEntryView {
	return {
		id: r.id,
		at: r.at.toISOString(),
		what: r.what,
		via: r.via,
		needId: r.needId,
		needTitle: r.needTitle,
		who: {
			id: r.viewerId,
			name: r.viewerName,
			role: r.viewerRole as AccessEntryView['who']['role'],
			organisationName: r.organisationName
		}
	};
}

const LIMIT = 500;

/** Access log entries with the viewer's name, their organisation and the need's title. */
async function entriesWhere(where: SQL | undefined): Promise<AccessEntryView[]> {
	const rows = await db
		.select(entrySelection)
		.from(dataAccessLog)
		.leftJoin(users, eq(users.id, dataAccessLog.viewerId))
		.leftJoin(organisations, eq(organisations.id, dataAccessLog.organisationId))
		.leftJoin(needs, eq(needs.id, dataAccessLog.needId))
		.where(where)
		.orderBy(desc(dataAccessLog.at))
		.limit(LIMIT);
	return rows.map(toView);
}

/** Who saw a need's data, newest first. The caller has checked who may read it. */
export const accessLogOfNeed = (needId: string) => entriesWhere(eq(dataAccessLog.needId, needId));

/**
 * Who saw a person's own data: their profile's contact and the contact of the needs they posted
 * for themselves, newest first.
 */
export function accessLogOfPerson(userId: string): Promise<AccessEntryView[]> {
	const own = db
		.select({ id: needs.id })
		.from(needs)
		.where(and(eq(needs.authorId, userId), isNull(needs.organisationId)));
	return entriesWhere(
		or(eq(dataAccessLog.subjectUserId, userId), inArray(dataAccessLog.needId, own))
	);
}

/**
 * "Seen by 2 volunteers of Caritas and 1 operator of the social service": distinct people per
 * role and organisation, most first.
 */
export function summarise(entries: readonly AccessEntryView[]): AccessGroupView[] {
	const groups = new Map<string, AccessGroupView & { people: Set<string> }>();
	for (const e of entries) {
		const key = `${e.who.role}:${e.who.organisationName ?? ''}`;
		let group = groups.get(key);
		if (!group) {
			group = {
				role: e.who.role,
				organisationName: e.who.organisationName,
				count: 0,
				people: new Set()
			};
			groups.set(key, group);
		}
		group.people.add(e.who.id ?? e.id);
		group.count = group.people.size;
	}
	return [...groups.values()]
		.map(({ role, organisationName, count }) => ({ role, organisationName, count }))
		.sort((a, b) => b.count - a.count);
}
