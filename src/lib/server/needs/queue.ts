import { authorize, type Actor } from '../auth/actor';
import { listCategories } from '../administration/service';
import { csvSeparator, toCsv, type CsvCell } from '../csv';
import { translate, type Locale } from '../i18n/translate';
import { canOrganisation } from '../orgs/policy';
import { getOrganisation } from '../orgs/service';
import type { Page } from '../pagination';
import { listNeeds } from './service';
import type { NeedView } from '$lib/shared/views/needs';

/** The most rows one export holds: years of a busy organisation's requests. */
export const QUEUE_EXPORT_MAX = 10_000;

/** The organisation, once the orgs policy lets this person see its queue (401/403 otherwise). */
async function queueOwner(actor: Actor | null, organisationId: string) {
	const organisation = await getOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'viewQueue', organisation));
	return organisation;
}

/** One page of an organisation's queue: its needs of every status, the most urgent first. */
export async function queuePage(
	actor: Actor | null,
	organisationId: string,
	page: { limit: number; cursor?: string }
) {
	const organisation = await queueOwner(actor, organisationId);
	const [needs, categories] = await Promise.all([
		listNeeds(actor, { organisationId, sort: 'urgency', ...page }, 'summary'),
		listCategories()
	]);
	return { organisation, page: needs, categories };
}

/** The whole queue as a spreadsheet, in the asker's language, for the same people as the page. */
export async function queueCsv(actor: Actor | null, organisationId: string, locale: Locale) {
	const organisation = await queueOwner(actor, organisationId);
	const needs: NeedView[] = [];
	let cursor: string | undefined;
	do {
		const page: Page<NeedView> = await listNeeds(
			actor,
			{
				organisationId,
				sort: 'urgency',
				limit: 500,
				cursor
			},
			'summary'
		);
		needs.push(...page.items);
		cursor = page.nextCursor ?? undefined;
	} while (cursor && needs.length < QUEUE_EXPORT_MAX);
	const categories = new Map(
		(await listCategories()).map((c) => [c.id, locale === 'en' ? c.labelEn : c.labelIt])
	);
	const header = [
		'find_csv_title',
		'find_csv_status',
		'find_csv_urgency',
		'find_csv_category',
		'find_csv_territory',
		'find_csv_created',
		'find_csv_due',
		'find_csv_helpers'
	].map((key) => translate(key, locale));
	const rows: CsvCell[][] = needs
		.slice(0, QUEUE_EXPORT_MAX)
		.map((n) => [
			n.title,
			translate(`status_${n.status}`, locale),
			translate(`urgency_${n.urgency}`, locale),
			categories.get(n.category) ?? n.category,
			n.territoryName,
			n.createdAt,
			n.dueDate,
			n.claimedCount
		]);
	return { organisation, csv: toCsv([header, ...rows], csvSeparator(locale)) };
}
