// Folding text for matching: case- and accent-insensitive, so "José" matches "jose" and "Müller" matches "mull".

/** Lower-case, strip diacritics (é→e, ü→u), map a few letters that do not decompose (ß→ss, ø→o, æ→ae, ł→l). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[øœæłđþ]/g, (c) => ({ ø: 'o', œ: 'oe', æ: 'ae', ł: 'l', đ: 'd', þ: 'th' })[c] ?? c);
}

/** The words of a text, folded: letters and digits only, everything else separates words. */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
