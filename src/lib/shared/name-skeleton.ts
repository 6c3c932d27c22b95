/**
 * The "skeleton" of an organisation's name: what is left once everything that lets two names
 * look alike yet differ is taken away (case, accents, spacing, punctuation, invisible characters,
 * letters of other scripts drawn like Latin ones, digits drawn like letters). Two names with one
 * skeleton can be mistaken for each other, so a network keeps only the first.
 */

// Letters of other scripts (Cyrillic, Greek) and Latin letters that do not decompose, drawn as
// the Latin letter after them. Lower case only: the name is lowered first.
const LOOKALIKES: Record<string, string> = {
	а: 'a',
	в: 'b',
	е: 'e',
	ё: 'e',
	к: 'k',
	м: 'm',
	н: 'h',
	о: 'o',
	р: 'p',
	с: 'c',
	т: 't',
	у: 'y',
	х: 'x',
	ѕ: 's',
	і: 'i',
	ї: 'i',
	ј: 'j',
	ԁ: 'd',
	ԛ: 'q',
	ԝ: 'w',
	һ: 'h',
	ү: 'y',
	α: 'a',
	β: 'b',
	ε: 'e',
	η: 'n',
	ι: 'i',
	κ: 'k',
	μ: 'u',
	ν: 'v',
	ο: 'o',
	ρ: 'p',
	τ: 't',
	υ: 'u',
	χ: 'x',
	ω: 'w',
	ς: 'c',
	σ: 'o',
	ø: 'o',
	đ: 'd',
	ł: 'l',
	ħ: 'h',
	ı: 'i',
	ȷ: 'j',
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	þ: 'p',
	'0': 'o',
	'1': 'l',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'8': 'b',
	$: 's',
	'@': 'a',
	'|': 'l'
};

export function nameSkeleton(name: string): string {
	const folded = [...name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()]
		.map((c) => LOOKALIKES[c] ?? c)
		.join('')
		// Only letters and digits count: spaces, punctuation and invisible characters do not.
		.replace(/[^\p{L}\p{N}]/gu, '');
	// Shapes that read as one another: i and l (and so 1 and |), "rn" and "m", "vv" and "w".
	return folded.replace(/i/g, 'l').replace(/rn/g, 'm').replace(/vv/g, 'w');
}
