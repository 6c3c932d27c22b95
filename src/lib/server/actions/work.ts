import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import {
	actionCommitments,
	actionReach,
	actionTasks,
	memberships,
	organisations,
	territories,
	users
} from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { canAction, doers, speaksFor } from './policy';
import { assertActionOpen, loadAction } from './service';
import { actionTarget, type ActionRow } from './views';
import type {
	CommitmentInput,
	CreateTaskInput,
	ReachInput,
	UpdateTaskInput
} from '$lib/shared/schemas/actions';
import type { CommitmentView, ReachTotals, ReachView, TaskView } from '$lib/shared/views/actions';

async function assertKnownPlace(territoryId: string | null) {
	if (!territoryId) return;
	const [place] = await db
		.select({ id: territories.id })
		.from(territories)
		.where(eq(territories.id, territoryId));
	if (!place) throw new DomainError('invalid_input', { fields: { territoryId: 'v_invalid' } });
}

/** Loads the action for its joint work: for those taking part (`not_found` for who may not see it). */
async function forWork(actor: Actor | null, actionId: string, rule: 'contribute' | 'take_part') {
	const row = await loadAction(actor, actionId);
	authorize(actor, canAction(actor, rule, actionTarget(row)));
	return row;
}

// ——— Who does what where ———

/** A partner records what it commits to: its own staff, for their own organisation. */
export async function addCommitment(
	actor: Actor | null,
	actionId: string,
	input: CommitmentInput
): Promise<CommitmentView> {
	const row = await forWork(actor, actionId, 'contribute');
	assertActionOpen(row);
	authorize(actor, speaksFor(actor, actionTarget(row), input.organisationId));
	await assertKnownPlace(input.territoryId);
	if (input.from && input.to && input.to <= input.from)
		throw new DomainError('invalid_input', { fields: { to: 'v_ends_before_start' } });
	const [created] = await db
		.insert(actionCommitments)
		.values({
			actionId,
			organisationId: input.organisationId,
			what: input.what,
			territoryId: input.territoryId,
			quantity: input.quantity,
			fromAt: input.from,
			toAt: input.to,
			createdBy: actor.id
		})
		.returning({ id: actionCommitments.id });
	publish('action.updated', { actionId });
	return (await commitmentsOf([actionId], created.id))[0];
}

/** The commitments of actions, newest first (one, with `id`). */
export async function commitmentsOf(actionIds: string[], id?: string): Promise<CommitmentView[]> {
	if (!actionIds.length) return [];
	const rows = await db
		.select({
			c: actionCommitments,
			organisationName: organisations.name,
			territoryName: territories.name
		})
		.from(actionCommitments)
		.innerJoin(organisations, eq(organisations.id, actionCommitments.organisationId))
		.leftJoin(territories, eq(territories.id, actionCommitments.territoryId))
		.where(
			and(
				inArray(actionCommitments.actionId, actionIds),
				id ? eq(actionCommitments.id, id) : undefined
			)
		)
		.orderBy(desc(actionCommitments.createdAt));
	return rows.map(({ c, organisationName, territoryName }) => ({
		id: c.id,
		actionId: c.actionId,
		organisationId: c.organisationId,
		organisationName,
		what: c.what,
		territoryId: c.territoryId,
		territoryName,
		quantity: c.quantity,
		from: c.fromAt?.toISOString() ?? null,
		to: c.toAt?.toISOString() ?? null,
		createdAt: c.createdAt.toISOString()
	}));
}

export async function listCommitments(actor: Actor | null, actionId: string) {
	await forWork(actor, actionId, 'take_part');
	return commitmentsOf([actionId]);
}

// ——— The shared checklist ———

/** A task's owner must take part: an organisation doing the action, or one of its members. */
async function assertOwner(
	row: ActionRow,
	organisationId: string | null,
	assigneeId: string | null
) {
	const taking = doers(actionTarget(row));
	if (organisationId && !taking.includes(organisationId))
		throw new DomainError('invalid_input', { fields: { organisationId: 'v_invalid' } });
	if (assigneeId) {
		const [member] = await db
			.select({ userId: memberships.userId })
			.from(memberships)
			.where(and(eq(memberships.userId, assigneeId), inArray(memberships.organisationId, taking)))
			.limit(1);
		if (!member) throw new DomainError('invalid_input', { fields: { assigneeId: 'v_invalid' } });
	}
}

export async function addTask(
	actor: Actor | null,
	actionId: string,
	input: CreateTaskInput
): Promise<TaskView> {
	const row = await forWork(actor, actionId, 'contribute');
	assertActionOpen(row);
	await assertOwner(row, input.organisationId, input.assigneeId);
	const [task] = await db
		.insert(actionTasks)
		.values({
			actionId,
			title: input.title,
			organisationId: input.organisationId,
			assigneeId: input.assigneeId,
			dueAt: input.dueAt,
			createdBy: actor!.id
		})
		.returning({ id: actionTasks.id });
	publish('action.task_changed', { actionId, taskId: task.id });
	return (await tasksOf(actionId, task.id))[0];
}

/**
 * Ticks a task done or undone (anyone taking part), or gives it to someone else (the staff).
 * Giving it a new owner or a new due time lets it be reminded again.
 */
export async function updateTask(
	actor: Actor | null,
	actionId: string,
	taskId: string,
	input: UpdateTaskInput
): Promise<TaskView> {
	const row = await forWork(actor, actionId, 'take_part');
	const [task] = await db
		.select()
		.from(actionTasks)
		.where(and(eq(actionTasks.id, taskId), eq(actionTasks.actionId, actionId)));
	if (!task) throw new DomainError('not_found');
	const set: Partial<typeof actionTasks.$inferInsert> = {};
	if (input.done !== undefined) {
		set.doneAt = input.done ? (task.doneAt ?? now()) : null;
		set.doneBy = input.done ? (task.doneBy ?? actor!.id) : null;
	}
	if (input.assigneeId !== undefined && input.assigneeId !== task.assigneeId) {
		authorize(actor, canAction(actor, 'contribute', actionTarget(row)));
		await assertOwner(row, null, input.assigneeId);
		set.assigneeId = input.assigneeId;
		set.remindedAt = null;
	}
	if (Object.keys(set).length) {
		await db.update(actionTasks).set(set).where(eq(actionTasks.id, taskId));
		publish('action.task_changed', { actionId, taskId });
	}
	return (await tasksOf(actionId, taskId))[0];
}

/** The checklist: undone first (soonest due first), then done; one task with `taskId`. */
export async function tasksOf(actionId: string, taskId?: string): Promise<TaskView[]> {
	const at = now();
	const rows = await db
		.select({ t: actionTasks, organisationName: organisations.name, assigneeName: users.name })
		.from(actionTasks)
		.leftJoin(organisations, eq(organisations.id, actionTasks.organisationId))
		.leftJoin(users, eq(users.id, actionTasks.assigneeId))
		.where(and(eq(actionTasks.actionId, actionId), taskId ? eq(actionTasks.id, taskId) : undefined))
		.orderBy(
			sql`${actionTasks.doneAt} is not null`,
			sql`${actionTasks.dueAt} asc nulls last`,
			asc(actionTasks.createdAt)
		);
	return rows.map(({ t, organisationName, assigneeName }) => ({
		id: t.id,
		actionId: t.actionId,
		title: t.title,
		organisationId: t.organisationId,
		organisationName,
		assigneeId: t.assigneeId,
		assigneeName,
		dueAt: t.dueAt?.toISOString() ?? null,
		done: t.doneAt !== null,
		doneAt: t.doneAt?.toISOString() ?? null,
		overdue: t.doneAt === null && t.dueAt !== null && t.dueAt < at,
		createdAt: t.createdAt.toISOString()
	}));
}

export async function listTasks(actor: Actor | null, actionId: string) {
	await forWork(actor, actionId, 'take_part');
	return tasksOf(actionId);
}

/** The sweep: tasks past due and undone are told to their owners, once each. */
export async function sweepOverdueTasks(): Promise<number> {
	const due = await db
		.update(actionTasks)
		.set({ remindedAt: now() })
		.where(
			and(isNull(actionTasks.doneAt), isNull(actionTasks.remindedAt), lt(actionTasks.dueAt, now()))
		)
		.returning({ id: actionTasks.id, actionId: actionTasks.actionId });
	for (const t of due) publish('action.task_overdue', { actionId: t.actionId, taskId: t.id });
	return due.length;
}

// ——— Reach ———

/** A partner records whom it reached: its own staff, for their own organisation. */
export async function addReach(
	actor: Actor | null,
	actionId: string,
	input: ReachInput
): Promise<ReachView> {
	const row = await forWork(actor, actionId, 'contribute');
	const organisationId = input.organisationId ?? row.action.leadOrganisationId;
	authorize(actor, speaksFor(actor, actionTarget(row), organisationId));
	await assertKnownPlace(input.territoryId);
	const [entry] = await db
		.insert(actionReach)
		.values({
			actionId,
			organisationId,
			date: input.date,
			peopleReached: input.peopleReached,
			territoryId: input.territoryId,
			note: input.note,
			createdBy: actor!.id
		})
		.returning({ id: actionReach.id });
	publish('action.updated', { actionId });
	return (await reachOf(actionId)).entries.find((e) => e.id === entry.id)!;
}

/** What the action reached, in total, by place and by day, against its goal. */
export async function reachOf(
	actionId: string,
	goalCount: number | null = null
): Promise<ReachTotals> {
	const rows = await db
		.select({
			r: actionReach,
			organisationName: organisations.name,
			territoryName: territories.name
		})
		.from(actionReach)
		.innerJoin(organisations, eq(organisations.id, actionReach.organisationId))
		.leftJoin(territories, eq(territories.id, actionReach.territoryId))
		.where(eq(actionReach.actionId, actionId))
		.orderBy(asc(actionReach.date), asc(actionReach.createdAt));
	const entries: ReachView[] = rows.map(({ r, organisationName, territoryName }) => ({
		id: r.id,
		organisationId: r.organisationId,
		organisationName,
		date: r.date,
		peopleReached: r.peopleReached,
		territoryId: r.territoryId,
		territoryName,
		note: r.note
	}));
	const sum = <K extends string | null>(key: (e: ReachView) => K) => {
		const totals = new Map<K, number>();
		for (const e of entries) totals.set(key(e), (totals.get(key(e)) ?? 0) + e.peopleReached);
		return totals;
	};
	return {
		peopleReached: entries.reduce((n, e) => n + e.peopleReached, 0),
		goalCount,
		byTerritory: [...sum((e) => e.territoryId)].map(([territoryId, peopleReached]) => ({
			territoryId,
			territoryName: entries.find((e) => e.territoryId === territoryId)?.territoryName ?? null,
			peopleReached
		})),
		byDate: [...sum((e) => e.date)].map(([date, peopleReached]) => ({ date, peopleReached })),
		entries
	};
}

/** The totals, for anyone who sees the action; the entries only for those taking part. */
export async function getReach(actor: Actor | null, actionId: string): Promise<ReachTotals> {
	const row = await loadAction(actor, actionId);
	const totals = await reachOf(actionId, row.action.goalCount);
	// Who recorded what, with their notes, is the partners' own: others read the totals.
	return canAction(actor, 'take_part', actionTarget(row)) ? totals : { ...totals, entries: [] };
}
