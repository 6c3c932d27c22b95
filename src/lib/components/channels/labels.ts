import { m } from '$lib/paraglide/messages';
import type { ChannelView, Presence } from '$lib/shared/views/channels';

const kinds = {
	organisation: () => m.channel_kind_organisation(),
	joint: () => m.channel_kind_joint(),
	need: () => m.channel_kind_need(),
	territory: () => m.channel_kind_territory(),
	direct: () => m.channel_kind_direct(),
	group: () => m.channel_kind_group()
};

export const kindLabel = (kind: ChannelView['kind']) => kinds[kind]();

const presences: Record<Presence, () => string> = {
	online: () => m.presence_online(),
	away: () => m.presence_away(),
	// Not presence_offline: that one is the page's own lost connection, a whole sentence.
	offline: () => m.fmt_presence_offline()
};
export type { Presence };
export const presenceLabel = (p: Presence) => presences[p]();

/**
 * A message's text in pieces: plain text, and web addresses to show as links. Rendered as text
 * nodes and anchors, never as HTML.
 */
export function linkify(text: string): { text: string; href?: string }[] {
	const parts: { text: string; href?: string }[] = [];
	const pattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		if (match.index > last) parts.push({ text: text.slice(last, match.index) });
		parts.push({ text: match[0], href: match[0] });
		last = match.index + match[0].length;
	}
	if (last < text.length) parts.push({ text: text.slice(last) });
	return parts;
}
