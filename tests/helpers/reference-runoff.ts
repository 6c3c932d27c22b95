// Instant runoff as docs/decisions/0008-counting.md writes it, for tests and bench/counting.ts to
// check the real count against: each ballot read in each round, no grouping, no shortcuts.

export function referenceRunoff(options: string[], rankings: string[][]) {
	const running = new Set(options);
	const history: Map<string, number>[] = [];
	const eliminated: string[][] = [];
	if (!rankings.length) return { winners: [] as string[], eliminated };
	for (;;) {
		const votes = new Map<string, number>();
		for (const id of running) votes.set(id, 0);
		let counted = 0;
		for (const ranking of rankings) {
			const first = ranking.find((id) => running.has(id));
			if (first !== undefined) {
				votes.set(first, votes.get(first)! + 1);
				counted++;
			}
		}
		history.push(votes);
		if (counted === 0) {
			eliminated.push([]);
			return { winners: [], eliminated };
		}
		const best = Math.max(...votes.values());
		if (best * 2 > counted) {
			eliminated.push([]);
			return { winners: [...votes].filter(([, v]) => v === best).map(([id]) => id), eliminated };
		}
		const fewest = Math.min(...votes.values());
		let tied = [...votes].filter(([, v]) => v === fewest).map(([id]) => id);
		for (let r = history.length - 2; r >= 0 && tied.length > 1; r--) {
			const least = Math.min(...tied.map((id) => history[r].get(id) ?? 0));
			tied = tied.filter((id) => (history[r].get(id) ?? 0) === least);
		}
		if (tied.length === running.size) {
			eliminated.push([]);
			return { winners: tied, eliminated };
		}
		eliminated.push([...tied].sort());
		for (const id of tied) running.delete(id);
	}
}
