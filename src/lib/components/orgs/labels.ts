import { m } from '$lib/paraglide/messages';

const kinds = {
	public_service: () => m.kind_public_service(),
	ngo: () => m.kind_ngo(),
	group: () => m.kind_group()
};
const roles = {
	coordinator: () => m.role_coordinator(),
	operator: () => m.role_operator(),
	volunteer: () => m.role_volunteer()
};

export const kindLabel = (kind: keyof typeof kinds) => kinds[kind]();
export const roleLabel = (role: keyof typeof roles) => roles[role]();
export const kindOptions = () =>
	(Object.keys(kinds) as (keyof typeof kinds)[]).map((k) => ({ value: k, label: kindLabel(k) }));
export const roleOptions = () =>
	(Object.keys(roles) as (keyof typeof roles)[]).map((r) => ({ value: r, label: roleLabel(r) }));

/** Territories as indented options (a select shows depth with leading spaces). */
export function territoryOptions(territories: { id: string; name: string; depth: number }[]) {
	return territories.map((t) => ({
		value: t.id,
		label: `${'\u00a0\u00a0'.repeat(t.depth)}${t.name}`,
		depth: t.depth
	}));
}
