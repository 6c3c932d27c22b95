import { asc, eq, inArray } from 'drizzle-orm';
import { getLocale } from '$lib/paraglide/runtime';
import { auditActions } from '$lib/shared/audit';
import { auditQuerySchema } from '$lib/shared/schemas/administration';
import { isId } from '$lib/shared/schemas/common';
import { memberRoles } from '$lib/shared/schemas/orgs';
import { authorize, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { auditLog, categories, invitations, organisations, territories, users } from '../db/schema';
import { translate, translateFields, type Locale } from '../i18n/translate';
import { fieldKeys } from '../input';
import { toPage } from '../pagination';
import { auditRows, type AuditRow } from './audit';
import { canAdminister } from './policy';

/** One line of the audit log as an administrator reads it: when, and a sentence. */
export interface AuditLogEntry {
	id: string;
	at: string;
	sentence: string;
	/** What the person wrote with the action (a reason for rejecting), if anything. */
	note: string | null;
}

const PAGE = 50;

/**
 * The audit log's screen: the entries that match the filters, newest first, as sentences that
 * name people and things (never ids or action codes), and the people who can be filtered by.
 * Filters that do not parse come back as field messages, with no entries.
 */
export async function auditLogPage(
	actor: Actor | null,
	rawQuery: Record<string, string>,
	locale?: Locale
) {
	authorize(actor, canAdminister(actor, 'viewAuditLog'));
	const parsed = auditQuerySchema.safeParse({ limit: String(PAGE), ...rawQuery });
	const people = await actorsInLog();
	if (!parsed.success)
		return {
			entries: [],
			nextCursor: null,
			people,
			errors: translateFields(fieldKeys(parsed.error), locale)
		};
	const rows = await auditRows(parsed.data);
	const page = toPage(
		rows,
		parsed.data.limit,
		(r) => r,
		(r) => [r.createdAt.toISOString(), r.id]
	);
	const lang = locale ?? getLocale();
	const names = await namesFor(page.items, lang);
	return {
		entries: page.items.map((r) => toEntry(r, names, lang)),
		nextCursor: page.nextCursor,
		people,
		errors: {} as Record<string, string>
	};
}

/** Everyone who did something recorded here, for the "who" filter. */
function actorsInLog() {
	return db
		.selectDistinct({ id: users.id, name: users.name })
		.from(auditLog)
		.innerJoin(users, eq(users.id, auditLog.actorId))
		.orderBy(asc(users.name), asc(users.id))
		.limit(500);
}

const detail = (r: AuditRow, key: string) =>
	typeof r.details[key] === 'string' ? (r.details[key] as string) : undefined;

type Names = Record<
	'people' | 'organisations' | 'territories' | 'invitations' | 'categories',
	Map<string, string>
>;

async function nameMap(
	list: string[],
	read: (list: string[]) => Promise<{ id: string; name: string }[]>
): Promise<Map<string, string>> {
	return new Map(list.length ? (await read(list)).map((r) => [r.id, r.name]) : []);
}

/** The names of everyone and everything a page of entries mentions, a query per table. */
async function namesFor(rows: AuditRow[], locale: Locale): Promise<Names> {
	const ids = (pick: (r: AuditRow) => string | undefined, ours = true) => [
		...new Set(rows.map(pick).filter((v): v is string => v !== undefined && (!ours || isId(v))))
	];
	const subject = (type: string) => (r: AuditRow) =>
		r.subjectType === type ? r.subjectId : undefined;
	const [people, orgs, places, invites, cats] = await Promise.all([
		nameMap([...ids(subject('user')), ...ids((r) => detail(r, 'userId'))], (l) =>
			db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, l))
		),
		nameMap([...ids(subject('organisation')), ...ids((r) => detail(r, 'organisationId'))], (l) =>
			db
				.select({ id: organisations.id, name: organisations.name })
				.from(organisations)
				.where(inArray(organisations.id, l))
		),
		nameMap(ids(subject('territory')), (l) =>
			db
				.select({ id: territories.id, name: territories.name })
				.from(territories)
				.where(inArray(territories.id, l))
		),
		nameMap(
			ids((r) => detail(r, 'invitationId')),
			(l) =>
				db
					.select({ id: invitations.id, name: invitations.email })
					.from(invitations)
					.where(inArray(invitations.id, l))
		),
		// Categories are known by a slug, not a uuid.
		nameMap(ids(subject('category'), false), (l) =>
			db
				.select({
					id: categories.id,
					name: locale === 'en' ? categories.labelEn : categories.labelIt
				})
				.from(categories)
				.where(inArray(categories.id, l))
		)
	]);
	return {
		people,
		organisations: orgs,
		territories: places,
		invitations: invites,
		categories: cats
	};
}

const roles = new Set<string>(memberRoles);

function toEntry(r: AuditRow, names: Names, locale: Locale): AuditLogEntry {
	const t = (key: string, inputs: Record<string, unknown> = {}) => translate(key, locale, inputs);
	const role = detail(r, 'role');
	const userId = r.subjectType === 'user' ? r.subjectId : detail(r, 'userId');
	const organisationId =
		r.subjectType === 'organisation' ? r.subjectId : detail(r, 'organisationId');
	const categoryName =
		names.categories.get(r.subjectId) ?? detail(r, locale === 'en' ? 'labelEn' : 'labelIt');
	const invitationId = detail(r, 'invitationId');
	const inputs = {
		who: r.actorName ?? t('history_someone'),
		person: (userId && names.people.get(userId)) ?? t('fmt_audit_a_person'),
		organisation:
			(organisationId && names.organisations.get(organisationId)) ??
			detail(r, 'name') ??
			t('fmt_audit_an_organisation'),
		role: role && roles.has(role) ? t(`role_${role}`) : t('fmt_audit_a_role'),
		email: (invitationId && names.invitations.get(invitationId)) ?? t('fmt_audit_a_person'),
		territory:
			names.territories.get(r.subjectId) ?? detail(r, 'name') ?? t('fmt_audit_a_territory'),
		skill: detail(r, 'name') ?? t('fmt_audit_a_skill'),
		category: categoryName ?? t('fmt_audit_a_category'),
		group: detail(r, locale === 'en' ? 'labelEn' : 'labelIt') ?? t('fmt_audit_a_group'),
		count: String(r.details.count ?? 0)
	};
	return {
		id: r.id,
		at: r.createdAt.toISOString(),
		sentence: t(sentenceKey(r), inputs),
		note: detail(r, 'reason') ?? null
	};
}

const known = new Set<string>(auditActions);

/**
 * "organisation.verified" reads as the message `fmt_audit_organisation_verified`; a vouch with
 * no organisation is the network's own.
 */
function sentenceKey(r: AuditRow) {
	if (!known.has(r.action)) return 'fmt_audit_other';
	const key = `fmt_audit_${r.action.replace('.', '_')}`;
	const forNetwork = r.action.startsWith('person.vouch') && !detail(r, 'organisationId');
	return forNetwork ? `${key}_network` : key;
}
