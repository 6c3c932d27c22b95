import { deleteStaleLimits } from './auth/rate-limit';
import { deleteExpiredSessions } from './auth/sessions';
import { addHelperToNeedChannel } from './channels/service';
import { config } from './config';
import { openDatabase, useDatabase, currentDatabase } from './db/client';
import { seedDemo } from './demo/seed';
import { migrate } from './db/migrate';
import { onPublishError, subscribe } from './events/bus';
import { closeMailTransport, deliverPendingMail } from './mail/delivery';
import { log } from './log';
import { closeLimitRedis, connectLimitRedis } from './limits/redis';
import { remindExpiringClaims } from './needs/claim-upkeep';
import { sweepExpiredClaims } from './needs/claims';
import { sweepHandovers } from './needs/handovers';
import { startNotifications } from './notifications/subscriptions';
import { startRealtime } from './realtime';

let stopping: (() => Promise<void>) | undefined;

/**
 * Everything the server needs before its first request: the database (migrated), the
 * realtime fan-out, mail delivery and the housekeeping timer. Called once by SvelteKit's `init` hook.
 */
export async function startApp() {
	const cfg = config();
	const handle = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
	useDatabase(handle);
	await migrate(handle);
	onPublishError((type, error) => log.error('event subscriber failed', { type, error }));
	connectLimitRedis(cfg.redisUrl);
	const stopRealtime = startRealtime();
	const deliverMail = () =>
		void deliverPendingMail().catch((error) => log.warn('mail delivery run failed', { error }));
	const unsubscribeMail = subscribe('mail.queued', deliverMail);
	const stopNotifications = startNotifications();
	const unsubscribeHelpers = subscribe('need.claimed', ({ needId, userId }) =>
		addHelperToNeedChannel(needId, userId)
	);
	// After the subscribers: the sample network's people find their notifications waiting.
	if (cfg.demo) {
		const { seeded } = await seedDemo();
		log.info(seeded ? 'demo network created' : 'demo network already there');
	}

	const housekeeping = setInterval(() => {
		Promise.all([deleteExpiredSessions(), deleteStaleLimits()]).catch((error) =>
			log.warn('housekeeping failed', { error })
		);
	}, 60 * 60_000);
	housekeeping.unref();
	// Claims past their time are released even when nobody looks at their need; holders are
	// reminded before that, and unanswered handovers are approved when their time comes.
	const claimSweep = setInterval(
		() =>
			void Promise.all([sweepExpiredClaims(), remindExpiringClaims(), sweepHandovers()]).catch(
				(error) => log.warn('claim sweep failed', { error })
			),
		60_000
	);
	claimSweep.unref();
	// Retries of mail that failed, and mail another node queued but could not send.
	const mailTimer = setInterval(deliverMail, 60_000);
	mailTimer.unref();
	deliverMail();

	log.info('rete started', { driver: handle.driver, origin: cfg.origin });

	stopping = async () => {
		clearInterval(housekeeping);
		clearInterval(mailTimer);
		clearInterval(claimSweep);
		unsubscribeMail();
		unsubscribeHelpers();
		stopNotifications();
		closeMailTransport();
		closeLimitRedis();
		await stopRealtime();
		await currentDatabase().close();
		useDatabase(undefined);
	};
}

/** Closes what startApp opened; the host calls it after the last request has finished. */
export async function stopApp() {
	const stop = stopping;
	stopping = undefined;
	await stop?.();
}
