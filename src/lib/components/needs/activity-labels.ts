import { m } from '$lib/paraglide/messages';
import { activityKinds, type ActivityKind } from '$lib/shared/schemas/activities';

/** Every sentence of each kind of activity, in one table: a new kind is one row. */
const sentences: Record<
	ActivityKind,
	{
		/** "Marta (Caritas) is calling this person now". */
		line: (p: { who: string }) => string;
		/** "You are calling this person". */
		mine: () => string;
		/** "Marta is calling", for a line on a list. */
		short: (p: { who: string }) => string;
		/** The choice in the form ("I am calling"). */
		label: () => string;
		/** Ending it ("I have finished the call"): never a bare "Done", which means more. */
		stop: () => string;
	}
> = {
	calling: {
		line: m.activity_calling,
		mine: m.activity_mine_calling,
		short: m.activity_short_calling,
		label: m.activity_kind_calling,
		stop: m.needpage_activity_stop_calling
	},
	visiting: {
		line: m.activity_visiting,
		mine: m.activity_mine_visiting,
		short: m.activity_short_visiting,
		label: m.activity_kind_visiting,
		stop: m.needpage_activity_stop_visiting
	},
	messaging: {
		line: m.activity_messaging,
		mine: m.activity_mine_messaging,
		short: m.activity_short_messaging,
		label: m.activity_kind_messaging,
		stop: m.needpage_activity_stop_messaging
	},
	shopping: {
		line: m.activity_shopping,
		mine: m.activity_mine_shopping,
		short: m.activity_short_shopping,
		label: m.activity_kind_shopping,
		stop: m.needpage_activity_stop_shopping
	}
};

export const activityLine = (kind: ActivityKind, who: string) => sentences[kind].line({ who });
export const myActivityLine = (kind: ActivityKind) => sentences[kind].mine();
export const shortActivityLine = (kind: ActivityKind, who: string) =>
	sentences[kind].short({ who });
export const stopActivityLabel = (kind: ActivityKind) => sentences[kind].stop();
export const activityKindOptions = () =>
	activityKinds.map((kind) => ({ value: kind, label: sentences[kind].label() }));
