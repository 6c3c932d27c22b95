import type { Actor } from '../../src/lib/server/auth/actor';
import { createNeed } from '../../src/lib/server/needs/service';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';

/** A shopping request of `author`, with a title of its own (never a duplicate) and `fields` on top. */
export function postNeed(author: Actor, fields: Record<string, unknown> = {}) {
	return createNeed(
		author,
		createNeedSchema.parse({
			title: `Spesa ${crypto.randomUUID()}`,
			description: 'Pane e latte',
			category: 'food',
			allowDuplicate: true,
			...fields
		})
	);
}
