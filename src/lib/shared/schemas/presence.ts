import { z } from 'zod';
import { idSchema } from './common';

/** Ids compare lowercase everywhere (rooms are named after them). */
const needId = idSchema.transform((id) => id.toLowerCase());

/** `need:watch` / `need:unwatch`: the person has the need's page open, or closed it. */
export const watchNeedSchema = z.object({ needId });

/** `needs:glance`: the needs of a list on screen, whose presence the list shows. */
export const glanceNeedsSchema = z.object({
	needIds: z.array(needId, 'v_invalid').max(100, 'v_too_long')
});
