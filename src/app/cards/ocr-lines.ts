// Tesseract's TSV output turned into lines of text with their confidence and box, in reading order.

export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrLine {
  text: string;
  /** Mean confidence of the line's words, 0–100. */
  confidence: number;
  /** In pixels of the image that was read. */
  bbox: BBox;
}

interface Word {
  text: string;
  confidence: number;
  bbox: BBox;
}

/**
 * TSV rows are `level page block paragraph line word left top width height conf text`; level 5 is a word. Words are
 * grouped by (block, paragraph, line) in the order tesseract found them, which is its reading order.
 */
export function parseTsvLines(tsv: string): OcrLine[] {
  const lines = new Map<string, Word[]>();
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = cells.slice(11).join('\t').trim();
    if (!text) continue;
    const [left, top, width, height, conf] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    const key = `${cells[2]}/${cells[3]}/${cells[4]}`;
    const words = lines.get(key) ?? [];
    words.push({ text, confidence: Math.max(0, conf), bbox: { x0: left, y0: top, x1: left + width, y1: top + height } });
    lines.set(key, words);
  }
  return [...lines.values()].map(toLine);
}

function toLine(words: Word[]): OcrLine {
  // Weighted by length, so a stray one-letter word does not outweigh the long word next to it.
  const weight = words.reduce((sum, w) => sum + w.text.length, 0);
  return {
    text: words.map((w) => w.text).join(' '),
    confidence: words.reduce((sum, w) => sum + w.confidence * w.text.length, 0) / weight,
    bbox: {
      x0: Math.min(...words.map((w) => w.bbox.x0)),
      y0: Math.min(...words.map((w) => w.bbox.y0)),
      x1: Math.max(...words.map((w) => w.bbox.x1)),
      y1: Math.max(...words.map((w) => w.bbox.y1)),
    },
  };
}

/**
 * Lines in the order a person reads a card: columns left to right, each top to bottom. A recursive XY cut: split at
 * a vertical gap that runs through the whole group if there is one; otherwise cut into rows, keeping together the
 * runs of rows that share a column gap (a two-column part under a heading), and read each part the same way.
 */
export function readingOrder(lines: OcrLine[]): OcrLine[] {
  if (lines.length <= 1) return lines;
  const heights = lines.map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b);
  const lineHeight = heights[Math.floor(heights.length / 2)]!;
  const columns = splitAtGaps(lines, 'x', lineHeight);
  if (columns.length > 1) return columns.flatMap(readingOrder);
  const rows = splitAtGaps(lines, 'y', 0);
  if (rows.length === 1) return sortRows(lines);
  const sections: OcrLine[][] = [rows[0]!];
  for (const row of rows.slice(1)) {
    const last = sections[sections.length - 1]!;
    if (splitAtGaps([...last, ...row], 'x', lineHeight).length > 1) last.push(...row);
    else sections.push(row);
  }
  return sections.flatMap((section) => (section.length === lines.length ? sortRows(section) : readingOrder(section)));
}

/** Top to bottom, then left to right: the fallback when no cut divides a group. */
function sortRows(lines: OcrLine[]): OcrLine[] {
  return [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}

/** Groups of lines separated by an empty strip wider than `minGap` along the axis, in order along it. */
function splitAtGaps(lines: OcrLine[], axis: 'x' | 'y', minGap: number): OcrLine[][] {
  const start = (l: OcrLine) => (axis === 'x' ? l.bbox.x0 : l.bbox.y0);
  const end = (l: OcrLine) => (axis === 'x' ? l.bbox.x1 : l.bbox.y1);
  const sorted = [...lines].sort((a, b) => start(a) - start(b));
  const groups: OcrLine[][] = [[sorted[0]!]];
  let reach = end(sorted[0]!);
  for (const line of sorted.slice(1)) {
    if (start(line) - reach > minGap) groups.push([line]);
    else groups[groups.length - 1]!.push(line);
    reach = Math.max(reach, end(line));
  }
  return groups;
}

/**
 * Leaves out what OCR makes of graphics (logos, rules, QR modules, texture): short runs of symbols at low
 * confidence. A real line has letters or digits, and a short one must be read with some confidence.
 */
const CONTACT_SHAPED = /\S@\s?\S|[a-z]{2}[.,]\s?(?:[a-z]{2,}|[A-Z]{2,3})\b/u;

export function withoutNoise(lines: OcrLine[]): OcrLine[] {
  return lines.filter((line) => {
    const alnum = (line.text.match(/[\p{L}\p{N}]/gu) ?? []).length;
    if (alnum === 0) return false;
    if (alnum / line.text.replace(/\s/g, '').length < 0.5) return false;
    // An e-mail address or a website read poorly is still worth a guess the person can check: nothing else on a card
    // has their shape, and field extraction gives a poorly read line a low confidence.
    if (alnum >= 6 && CONTACT_SHAPED.test(line.text)) return true;
    return line.confidence >= (alnum >= 4 ? 40 : 60);
  });
}
