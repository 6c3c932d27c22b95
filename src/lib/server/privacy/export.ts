import { eq, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../administration/audit';
import { authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { config } from '../config';
import { currentDatabase, db, type Executor } from '../db/client';
import { memberships, organisations, users } from '../db/schema';
import { DomainError } from '../errors';
import { translate } from '../i18n/translate';
import { canExportOrganisation } from './policy';

/**
 * Columns that never leave, whoever asks: secrets (a password's hash, a session's or a link's
 * token hash) and what other people's privacy keeps from the author of a row (the contact of the
 * person an operator posted for, a person key).
 */
type Withheld = Record<string, string[]>;
const SECRETS: Withheld = {
	users: ['password_hash'],
	sessions: ['id'],
	email_verifications: ['token_hash'],
	known_devices: ['token_hash'],
	invitations: ['token_hash'],
	needs: ['person_key_hash']
};
/** A helper's notes on reaching someone are about that person: the organisation's, not theirs. */
const FROM_A_PERSON: Withheld = {
	...SECRETS,
	contact_attempts: ['note'],
	invitations: ['token_hash', 'email']
};

/** A row as JSON without its withheld and generated (search vector) columns. */
function rowJson(table: string, alias: string, withheld: Withheld, generated: string[]) {
	const out = [...(withheld[table] ?? []), ...generated];
	return out.length
		? sql`to_jsonb(${sql.raw(alias)}) - ${`{${out.join(',')}}`}::text[]`
		: sql`to_jsonb(${sql.raw(alias)})`;
}

interface Reference {
	table: string;
	column: string;
}

// The catalogue changes only with a migration, which restarts the server: read it once.
const catalogue = new Map<string, Promise<unknown>>();
function once<T>(key: string, read: () => Promise<T>): Promise<T> {
	let value = catalogue.get(key) as Promise<T> | undefined;
	if (!value) {
		value = read();
		catalogue.set(key, value);
		value.catch(() => catalogue.delete(key));
	}
	return value;
}

/** Every column of this schema that points at `target`'s id, read from the catalogue. */
function referencesTo(tx: Executor, target: string): Promise<Reference[]> {
	return once(`references:${target}`, async () =>
		currentDatabase().rows<Reference>(
			await tx.execute(sql`
				select kcu.table_name as "table", kcu.column_name as "column"
				from information_schema.referential_constraints rc
				join information_schema.key_column_usage kcu
					on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
				join information_schema.constraint_column_usage ccu
					on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
				where rc.constraint_schema = current_schema() and ccu.table_name = ${target}
				order by 1, 2`)
		)
	);
}

/** Columns computed by the database (search vectors): nothing anyone entered. */
function generatedColumns(tx: Executor): Promise<Map<string, string[]>> {
	return once('generated', async () => {
		const rows = currentDatabase().rows<Reference>(
			await tx.execute(sql`
				select table_name as "table", column_name as "column" from information_schema.columns
				where table_schema = current_schema() and (is_generated = 'ALWAYS' or data_type = 'tsvector')`)
		);
		const byTable = new Map<string, string[]>();
		for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
		return byTable;
	});
}

/**
 * The rows of each table that `conditions` select, as JSON, table by table. A table's condition
 * is SQL over its alias `t`. Tables are named from the catalogue, never from input.
 */
async function rowsByTable(
	tx: Executor,
	conditions: Map<string, SQL[]>,
	withheld: Withheld
): Promise<Record<string, unknown[]>> {
	const generated = await generatedColumns(tx);
	const out: Record<string, unknown[]> = {};
	for (const [table, where] of [...conditions].sort(([a], [b]) => a.localeCompare(b))) {
		const [{ rows }] = currentDatabase().rows<{ rows: unknown[] }>(
			await tx.execute(sql`
				select coalesce(jsonb_agg(${rowJson(table, 't', withheld, generated.get(table) ?? [])}), '[]'::jsonb) as rows
				from ${sql.identifier(table)} t where ${sql.join(where, sql` or `)}`)
		);
		out[table] = rows;
	}
	return out;
}

function addCondition(conditions: Map<string, SQL[]>, table: string, condition: SQL) {
	conditions.set(table, [...(conditions.get(table) ?? []), condition]);
}

/**
 * Everything Rete holds about a person, table by table: every row that names them (every column
 * that points at their account, found in the catalogue, so a new table is in the export the day
 * it is added), the consents and the access log of their own requests, their ballots' records,
 * the administrative log about them and the mail sent to them. Secrets and other people's
 * contact details are withheld; an anonymous ballot is tied to nobody, so it is in no export.
 */
export async function exportPerson(actor: Actor | null) {
	authorize(actor, actor !== null);
	const me = actor.id;
	return db.transaction(async (tx) => {
		const [user] = await tx
			.select({ email: users.email, locale: users.locale })
			.from(users)
			.where(eq(users.id, me));
		if (!user) throw new DomainError('unauthenticated');
		const conditions = new Map<string, SQL[]>();
		for (const ref of await referencesTo(tx, 'users'))
			addCondition(conditions, ref.table, sql`t.${sql.identifier(ref.column)} = ${me}`);
		addCondition(conditions, 'users', sql`t.id = ${me}`);
		const ownNeeds = sql`(select id from needs where author_id = ${me} and organisation_id is null)`;
		addCondition(conditions, 'need_consents', sql`t.need_id in ${ownNeeds}`);
		addCondition(conditions, 'data_access_log', sql`t.need_id in ${ownNeeds}`);
		addCondition(
			conditions,
			'poll_voters',
			sql`t.voter = (select 'i:' || identity_hash from identities where user_id = ${me})`
		);
		addCondition(conditions, 'audit_log', sql`t.subject_type = 'user' and t.subject_id = ${me}`);
		addCondition(conditions, 'outbox', sql`t.recipient = ${user.email}`);
		const tables = await rowsByTable(tx, conditions, FROM_A_PERSON);
		// Needs posted for an organisation belong to it: their author sees when and what, not
		// the person's details.
		tables.needs = (tables.needs as Record<string, unknown>[]).map((n) =>
			n.organisation_id === null
				? n
				: { ...n, contact: undefined, description: undefined, approx_location: undefined }
		);
		const t = (key: string) => translate(key, user.locale);
		return {
			exportedAt: now().toISOString(),
			person: me,
			about: {
				retention: translate('privacy_export_retention', user.locale, {
					days: config().retentionDays
				}),
				erasure: t('privacy_export_erasure'),
				ballots: t('privacy_export_ballots')
			},
			tables
		};
	});
}

/**
 * An organisation's data for its coordinators: every row that names the organisation, and its
 * needs' parts, claims, history, contact log, handovers, consents and access log. Its members by
 * name and role (not their addresses). The export is in the audit log.
 */
export async function exportOrganisation(actor: Actor | null, organisationId: string) {
	authorize(actor, canExportOrganisation(actor, organisationId));
	return db.transaction(async (tx) => {
		const [org] = await tx
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.id, organisationId));
		if (!org) throw new DomainError('not_found');
		const conditions = new Map<string, SQL[]>();
		for (const ref of await referencesTo(tx, 'organisations'))
			if (ref.table !== 'memberships')
				addCondition(conditions, ref.table, sql`t.${sql.identifier(ref.column)} = ${org.id}`);
		addCondition(conditions, 'organisations', sql`t.id = ${org.id}`);
		const itsNeeds = sql`(select id from needs where organisation_id = ${org.id})`;
		for (const ref of await referencesTo(tx, 'needs'))
			addCondition(conditions, ref.table, sql`t.${sql.identifier(ref.column)} in ${itsNeeds}`);
		// The contact log's notes are the organisation's own: they come with its export.
		const tables: Record<string, unknown[]> = await rowsByTable(tx, conditions, SECRETS);
		tables.members = await tx
			.select({ userId: memberships.userId, name: users.name, role: memberships.role })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.organisationId, org.id));
		await recordAudit(tx, {
			actorId: actor!.id,
			action: 'organisation.exported',
			subjectType: 'organisation',
			subjectId: org.id,
			details: { organisationId: org.id }
		});
		return { exportedAt: now().toISOString(), organisation: org.id, tables };
	});
}
