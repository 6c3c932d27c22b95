import { m } from '$lib/paraglide/messages';
import type { AccessEntryView, AccessGroupView, AccessRole } from '$lib/shared/views/privacy';

const roles: Record<AccessRole, (count: number) => string> = {
	coordinator: (count) => m.access_role_coordinator({ count }),
	operator: (count) => m.access_role_operator({ count }),
	volunteer: (count) => m.access_role_volunteer({ count }),
	helper: (count) => m.access_role_helper({ count })
};

/** "2 volunteers of Caritas": a role in words, with how many and where. */
export function groupLabel(group: AccessGroupView): string {
	const who = roles[group.role](group.count);
	return group.organisationName
		? m.access_of_organisation({ who, organisation: group.organisationName })
		: who;
}

/** "2 volunteers of Caritas and 1 operator of the social service", in the page's language. */
export function groupsSentence(groups: readonly AccessGroupView[], locale: string): string {
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(groups.map(groupLabel));
}

/** One person's capacity: "operator", "volunteer"… */
const roleLabel = (role: AccessRole) => roles[role](1).replace(/^1\s+/, '');

/** "Ugo · volunteer · Caritas": who saw it, in what capacity, for which organisation. */
export const whoLabel = ({ who }: AccessEntryView) =>
	[who.name ?? m.account_deleted(), roleLabel(who.role), who.organisationName]
		.filter(Boolean)
		.join(' · ');

const kinds: Record<AccessEntryView['what'], () => string> = {
	need_contact: () => m.access_what_need_contact(),
	profile_contact: () => m.access_what_profile_contact(),
	person_key_match: () => m.access_what_person_key_match()
};
export const accessKindLabel = (what: AccessEntryView['what']) => kinds[what]();

export const accessViaLabel = (via: AccessEntryView['via']) =>
	via === 'page' ? m.access_via_page() : m.access_via_api();

export const recipientsLabel = (r: 'helpers' | 'organisation') =>
	r === 'helpers' ? m.consent_recipients_helpers() : m.consent_recipients_organisation();
export const giverLabel = (g: 'person' | 'operator') =>
	g === 'person' ? m.consent_given_by_person() : m.consent_given_by_operator();
export const recipientsOptions = () =>
	(['organisation', 'helpers'] as const).map((value) => ({ value, label: recipientsLabel(value) }));
export const giverOptions = () =>
	(['operator', 'person'] as const).map((value) => ({ value, label: giverLabel(value) }));
/** What the person agreed to: a resident's own request says it in the page's words. */
export const purposeLabel = (purpose: string) =>
	purpose === 'own_request' ? m.consent_purpose_own_request() : purpose;
