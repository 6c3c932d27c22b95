import { m } from '$lib/paraglide/messages';
import { activityKinds, type ActivityKind } from '$lib/shared/schemas/activities';

/** "Marta (Caritas) is calling this person now". */
export function activityLine(kind: ActivityKind, who: string): string {
	const lines = {
		calling: m.activity_calling,
		visiting: m.activity_visiting,
		messaging: m.activity_messaging,
		shopping: m.activity_shopping
	};
	return lines[kind]({ who });
}

/** "You are calling this person". */
export function myActivityLine(kind: ActivityKind): string {
	const lines = {
		calling: m.activity_mine_calling,
		visiting: m.activity_mine_visiting,
		messaging: m.activity_mine_messaging,
		shopping: m.activity_mine_shopping
	};
	return lines[kind]();
}

/** "Marta is calling", for a line on a list. */
export function shortActivityLine(kind: ActivityKind, who: string): string {
	const lines = {
		calling: m.activity_short_calling,
		visiting: m.activity_short_visiting,
		messaging: m.activity_short_messaging,
		shopping: m.activity_short_shopping
	};
	return lines[kind]({ who });
}

export function activityKindOptions() {
	const labels = {
		calling: m.activity_kind_calling,
		visiting: m.activity_kind_visiting,
		messaging: m.activity_kind_messaging,
		shopping: m.activity_kind_shopping
	};
	return activityKinds.map((kind) => ({ value: kind, label: labels[kind]() }));
}
