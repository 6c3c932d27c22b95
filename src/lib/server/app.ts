import { deleteStaleDevices } from './auth/login-throttle';
import { deleteStaleLimits } from './auth/rate-limit';
import { deleteExpiredSessions } from './auth/sessions';
import { addHelperToNeedChannel, dropFormerHelpers } from './channels/service';
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
import { endClaimsBeyondTrust, endClaimsOfMembers } from './needs/claim-endings';
import { sweepHandovers } from './needs/handovers';
import { sweepSessionReminders } from './actions/sessions';
import { sweepOverdueTasks } from './actions/work';
import { sweepEndedOffers } from './offers/service';
import { sweepPhaseChanges } from './consultations/service';
import { sweepRetention } from './privacy/retention';
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
	// Access follows its reason: a claim brings its helper into the need's channel and ending it
	// takes them out; leaving an organisation ends the claims that needed it.
	const unsubscribeAccess = [
		subscribe('need.claimed', ({ needId, userId }) => addHelperToNeedChannel(needId, userId)),
		subscribe('need.updated', ({ needId }) => dropFormerHelpers(needId)),
		subscribe('membership.changed', ({ userId }) => endClaimsBeyondTrust(userId).then(() => {})),
		subscribe('trust.changed', ({ userId }) => endClaimsBeyondTrust(userId).then(() => {})),
		subscribe('organisation.reviewed', ({ organisationId }) => endClaimsOfMembers(organisationId))
	];
	// After the subscribers: the sample network's people find their notifications waiting.
	if (cfg.demo) {
		const { seeded } = await seedDemo();
		log.info(seeded ? 'demo network created' : 'demo network already there');
	}

	// Offers past their last day already read as closed; this writes it, in their history.
	const housekeeping = setInterval(() => {
		Promise.all([
			deleteExpiredSessions(),
			deleteStaleLimits(),
			deleteStaleDevices(),
			sweepEndedOffers(),
			// Actions: overdue tasks and tomorrow's sessions are told once each; consultations:
			// followers hear of a new phase within the hour.
			sweepOverdueTasks(),
			sweepSessionReminders(),
			sweepPhaseChanges(),
			// Closed needs past RETENTION_DAYS lose their personal data (each run in the audit log).
			sweepRetention()
		]).catch((error) => log.warn('housekeeping failed', { error }));
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
	// Settings for development and load tests only: say so loudly, in case one reaches production.
	if (cfg.rateLimits.disabled)
		log.warn('RATE_LIMIT_DISABLED=1: every rate limit is off (development and load tests only)');
	if (!cfg.emailVerification)
		log.warn(
			'EMAIL_VERIFICATION=off: addresses are taken as proved (development and load tests only)'
		);
	if (cfg.fastPasswordHash)
		log.warn('PASSWORD_HASH=fast: passwords are hashed with little work (test servers only)');

	stopping = async () => {
		clearInterval(housekeeping);
		clearInterval(mailTimer);
		clearInterval(claimSweep);
		unsubscribeMail();
		for (const stop of unsubscribeAccess) stop();
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
