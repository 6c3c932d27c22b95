import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { network } from '../db/schema';

export interface NetworkInfo {
	name: string;
}

// Once a network is set up it stays set up, so a found row is cached for the process.
let known: NetworkInfo | undefined;

/** The network's name, or null while nobody has set it up. */
export async function getNetwork(): Promise<NetworkInfo | null> {
	if (known) return known;
	const [row] = await db.select({ name: network.name }).from(network).where(eq(network.id, 1));
	if (row) known = row;
	return row ?? null;
}

export function forgetNetworkCache() {
	known = undefined;
}
