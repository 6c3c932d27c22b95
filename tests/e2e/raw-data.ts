import { expect, type Page } from '@playwright/test';
import { auditActions } from '../../src/lib/shared/audit';
import { channelKinds } from '../../src/lib/shared/schemas/channels';
import { contactResults } from '../../src/lib/shared/schemas/contacts';
import { handoverStatuses } from '../../src/lib/shared/schemas/handovers';
import { needOutcomes, needStatuses } from '../../src/lib/shared/schemas/needs';
import { notificationKinds } from '../../src/lib/shared/schemas/notifications';
import { organisationKinds } from '../../src/lib/shared/schemas/orgs';

// Enum values a person should never read as they are stored. Single words ("open", "low") are
// ordinary words in English, so only the compound ones are looked for, plus the history's.
const historyActions = [
	'posted_despite_duplicates',
	'claim_done',
	'claim_could_not',
	'fulfilled_by_helpers',
	'contact_logged',
	'stale_released',
	'marked_duplicate',
	'duplicate_attached'
];
const rawEnums = [
	...needStatuses,
	...needOutcomes,
	'could_not',
	...contactResults,
	...handoverStatuses,
	...notificationKinds,
	...organisationKinds,
	...channelKinds,
	...historyActions
].filter((v) => v.includes('_'));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const rawPatterns: [string, RegExp][] = [
	['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
	['an ISO time', /\b\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?\b|T\d{2}:\d{2}/],
	['an id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
	['a message key', /\b(v|error|reason)_[a-z]+(_[a-z]+)*\b/],
	['an audit action', new RegExp(`(^|[^\\w.])(${auditActions.map(escape).join('|')})\\b`)],
	['an enum value', new RegExp(`\\b(${[...new Set(rawEnums)].join('|')})\\b`)]
];

/**
 * A page's visible text holds no stored data as it is: dates, ids, enum values, action names.
 * What a page quotes as it was sent (a mail in the outbox, marked `data-verbatim`) is left out.
 */
export async function expectNoRawData(page: Page, name: string) {
	const text = await page.evaluate(() => {
		let visible = document.body.innerText;
		for (const quoted of document.querySelectorAll<HTMLElement>('[data-verbatim]'))
			visible = visible.replace(quoted.innerText, '');
		return visible;
	});
	const found = rawPatterns.flatMap(([what, pattern]) => {
		const match = text.match(pattern);
		return match ? [`${what}: "${match[0]}" in "…${lineOf(text, match.index ?? 0)}…"`] : [];
	});
	expect(found, `raw data on ${name}`).toEqual([]);
}

const lineOf = (text: string, at: number) =>
	text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ');
