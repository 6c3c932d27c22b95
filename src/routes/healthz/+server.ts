import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { currentDatabase } from '$lib/server/db/client';
import { log } from '$lib/server/log';

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export async function GET() {
	const started = performance.now();
	try {
		const handle = currentDatabase();
		await handle.db.execute(sql`select 1`);
		return json(
			{ status: 'ok', database: handle.driver, ms: Math.round(performance.now() - started) },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (error) {
		log.warn('health check failed', { error });
		return json(
			{ status: 'unavailable' },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
}
