import { z } from 'zod';

/** What someone can be doing for a person right now ("calling", "on the way"…). */
export const activityKinds = ['calling', 'visiting', 'messaging', 'shopping'] as const;

export const startActivitySchema = z.object({
	kind: z.enum(activityKinds, 'v_invalid')
});

export type ActivityKind = (typeof activityKinds)[number];
export type StartActivityInput = z.infer<typeof startActivitySchema>;
