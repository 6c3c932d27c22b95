import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import {
	consultationCommitments,
	consultationFollows,
	consultations,
	proposalSupports,
	proposals
} from '../db/schema';
import { subscribe } from '../events/bus';
import { notify } from './service';

async function followersOf(consultationId: string) {
	const rows = await db
		.select({ userId: consultationFollows.userId })
		.from(consultationFollows)
		.where(eq(consultationFollows.consultationId, consultationId));
	return rows.map((r) => r.userId);
}

async function proposalOf(proposalId: string) {
	const [row] = await db
		.select({
			consultationId: proposals.consultationId,
			title: proposals.title,
			authorId: proposals.authorId,
			state: proposals.state
		})
		.from(proposals)
		.where(eq(proposals.id, proposalId));
	return row;
}

/** Consultations: who is told what. Returns the unsubscriber. */
export function startConsultationNotifications(): () => void {
	const stops = [
		// A new phase: everyone following the consultation (its author, proposers, followers).
		subscribe('consultation.phase_changed', async ({ consultationId, phase }) => {
			const [c] = await db
				.select({ title: consultations.title })
				.from(consultations)
				.where(eq(consultations.id, consultationId));
			if (!c) return;
			await notify(await followersOf(consultationId), 'consultation_phase', {
				consultationId,
				title: c.title,
				phase
			});
		}),
		// An answer: the proposal's author and everyone who supports it.
		subscribe('proposal.answered', async ({ proposalId }) => {
			const p = await proposalOf(proposalId);
			if (!p) return;
			const supporters = await db
				.select({ userId: proposalSupports.userId })
				.from(proposalSupports)
				.where(eq(proposalSupports.proposalId, proposalId));
			const to = [...(p.authorId ? [p.authorId] : []), ...supporters.map((s) => s.userId)];
			await notify(to, 'proposal_answered', {
				consultationId: p.consultationId,
				proposalId,
				title: p.title,
				state: p.state
			});
		}),
		// The threshold reached: its author.
		subscribe('proposal.threshold_reached', async ({ proposalId, supports }) => {
			const p = await proposalOf(proposalId);
			if (!p?.authorId) return;
			await notify([p.authorId], 'proposal_threshold', {
				consultationId: p.consultationId,
				proposalId,
				title: p.title,
				supports: String(supports)
			});
		}),
		// A commitment moved on: the consultation's followers.
		subscribe('commitment.updated', async ({ commitmentId, progress }) => {
			const [row] = await db
				.select({
					consultationId: consultationCommitments.consultationId,
					title: consultationCommitments.title
				})
				.from(consultationCommitments)
				.where(eq(consultationCommitments.id, commitmentId));
			if (!row) return;
			await notify(await followersOf(row.consultationId), 'commitment_progress', {
				consultationId: row.consultationId,
				title: row.title,
				progress: String(progress)
			});
		})
	];
	return () => stops.forEach((stop) => stop());
}
