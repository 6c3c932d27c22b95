import { m } from '$lib/paraglide/messages';
import type { ActionKind, ActionStatus, ActionVisibility } from '$lib/shared/schemas/actions';

const kinds: Record<ActionKind, () => string> = {
	campaign: () => m.action_kind_campaign(),
	distribution: () => m.action_kind_distribution(),
	event: () => m.action_kind_event(),
	service: () => m.action_kind_service(),
	other: () => m.action_kind_other()
};
const statuses: Record<ActionStatus, () => string> = {
	planned: () => m.action_status_planned(),
	running: () => m.action_status_running(),
	done: () => m.action_status_done(),
	cancelled: () => m.action_status_cancelled()
};
const visibilities: Record<ActionVisibility, () => string> = {
	public: () => m.action_visibility_public(),
	network: () => m.action_visibility_network(),
	partners: () => m.action_visibility_partners()
};

export const actionKindLabel = (kind: ActionKind) => kinds[kind]();
export const actionStatusLabel = (status: ActionStatus) => statuses[status]();
export const actionVisibilityLabel = (v: ActionVisibility) => visibilities[v]();
export const actionKindOptions = () =>
	(Object.keys(kinds) as ActionKind[]).map((k) => ({ value: k, label: actionKindLabel(k) }));
export const actionVisibilityOptions = () =>
	(Object.keys(visibilities) as ActionVisibility[]).map((v) => ({
		value: v,
		label: actionVisibilityLabel(v)
	}));

/** A target group's name in the reader's language. */
export const targetGroupLabel = (
	groups: { id: string; labelIt: string; labelEn: string }[],
	id: string,
	locale: string
) => {
	const g = groups.find((x) => x.id === id);
	return g ? (locale === 'en' ? g.labelEn : g.labelIt) : id;
};
