import { authorize, type Actor } from '../auth/actor';
import { DAY, now } from '../clock';
import { config } from '../config';
import { seeNeed } from '../needs/service';
import { accessLogOfNeed, accessLogOfPerson, summarise } from './access-log';
import { consentsOf } from './consents';
import { lastCoordinatorOf } from './erasure';
import { canNeedPrivacy } from './policy';
import type { AccessEntryView } from '$lib/shared/views/privacy';

/** The last 30 days of a log, in one sentence's groups ("2 volunteers of Caritas…"). */
function lastMonth(entries: AccessEntryView[]) {
	const monthAgo = new Date(now().getTime() - 30 * DAY);
	return summarise(entries.filter((e) => new Date(e.at) >= monthAgo));
}

/** Who saw a need's data: its author (their own request) and its organisation's staff. */
export async function needAccessLog(actor: Actor | null, needId: string) {
	authorize(actor, actor !== null);
	const { row } = await seeNeed(actor, needId);
	authorize(actor, canNeedPrivacy(actor, 'readAccessLog', row.need));
	return accessLogOfNeed(needId);
}

/**
 * A need's privacy page (printable at the desk): who saw its data, in a sentence and line by
 * line, and its consents with what the reader may do about them.
 */
export async function needPrivacyPage(actor: Actor | null, needId: string) {
	authorize(actor, actor !== null);
	const { row } = await seeNeed(actor, needId);
	authorize(actor, canNeedPrivacy(actor, 'readAccessLog', row.need));
	const [entries, consents] = await Promise.all([accessLogOfNeed(needId), consentsOf(needId)]);
	return {
		need: {
			id: row.need.id,
			title: row.need.title,
			organisationName: row.organisationName,
			status: row.need.status,
			closedAt: row.need.closedAt?.toISOString() ?? null,
			redacted: row.need.redactedAt !== null,
			contactShared: row.need.contactShared
		},
		entries,
		month: lastMonth(entries),
		consents,
		retentionDays: config().retentionDays,
		can: {
			manageConsent: canNeedPrivacy(actor, 'manageConsent', row.need),
			erase: canNeedPrivacy(actor, 'erase', row.need)
		}
	};
}

/**
 * A person's own privacy page: who saw their data this month and before, and what erasing the
 * account would need first (the coordinator roles they must hand over).
 */
export async function myPrivacyPage(actor: Actor | null) {
	authorize(actor, actor !== null);
	const [entries, held] = await Promise.all([
		accessLogOfPerson(actor.id),
		lastCoordinatorOf(actor.id)
	]);
	return {
		entries,
		month: lastMonth(entries),
		lastCoordinatorOf: held,
		retentionDays: config().retentionDays
	};
}
