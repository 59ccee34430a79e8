// How OCR output becomes the lines of a card: tesseract's TSV grouped into lines, put in the order a person reads the
// card, with graphics read as letters left out.
import { describe, expect, it } from 'vitest';
import { parseTsvLines, readingOrder, withoutNoise, type OcrLine } from '../src/app/cards/ocr-lines.js';

function line(text: string, x0: number, y0: number, x1: number, y1: number, confidence = 90): OcrLine {
  return { text, confidence, bbox: { x0, y0, x1, y1 } };
}

describe('reading order', () => {
  it('a two-column card is read left column first, each top to bottom, even when the rows line up', () => {
    const found = [
      line('Dr. Matthias Berger', 100, 100, 560, 150),
      line('Tel. +49 30 9018 2456', 700, 105, 1000, 140),
      line('Head of Engineering', 100, 170, 420, 200),
      line('Mobil +49 151 2345 6789', 700, 160, 1030, 195),
      line('m.berger@nordwerk-systems.de', 700, 215, 1120, 250),
    ];
    expect(readingOrder(found).map((l) => l.text)).toEqual([
      'Dr. Matthias Berger',
      'Head of Engineering',
      'Tel. +49 30 9018 2456',
      'Mobil +49 151 2345 6789',
      'm.berger@nordwerk-systems.de',
    ]);
  });

  it('a heading across the whole card comes first, then the columns under it', () => {
    const found = [
      line('Jane Doe', 80, 200, 400, 240),
      line('Maison Verdier — Bordeaux', 80, 40, 1200, 90),
      line('+33 5 56 44 12 87', 800, 210, 1150, 240),
      line('Directrice', 80, 260, 300, 290),
    ];
    expect(readingOrder(found).map((l) => l.text)).toEqual(['Maison Verdier — Bordeaux', 'Jane Doe', 'Directrice', '+33 5 56 44 12 87']);
  });

  it('a centred card is read top to bottom', () => {
    const found = [line('Chief Financial Officer', 480, 300, 930, 340), line('Marcus T. Delgado', 400, 220, 1040, 280), line('Redwood Ridge Capital', 500, 150, 950, 190)];
    expect(readingOrder(found).map((l) => l.text)).toEqual(['Redwood Ridge Capital', 'Marcus T. Delgado', 'Chief Financial Officer']);
  });
});

describe('noise', () => {
  it('symbols and low-confidence scraps are left out, short real words kept', () => {
    const found = [line('— oy', 0, 0, 10, 10, 30), line('|||', 0, 0, 10, 10, 80), line('BA', 0, 0, 10, 10, 91), line('Ek', 0, 0, 10, 10, 45), line('Rebecca Lin', 0, 0, 10, 10, 95)];
    expect(withoutNoise(found).map((l) => l.text)).toEqual(['BA', 'Rebecca Lin']);
  });
});

describe('tesseract TSV', () => {
  it('words are grouped into lines with their mean confidence and the box around them', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t1500\t860\t-1\t',
      '4\t1\t1\t1\t1\t0\t100\t100\t300\t40\t-1\t',
      '5\t1\t1\t1\t1\t1\t100\t100\t120\t40\t96\tRebecca',
      '5\t1\t1\t1\t1\t2\t240\t102\t60\t38\t90\tLin',
      '5\t1\t2\t1\t1\t1\t100\t200\t400\t30\t88\trlin@linassociates.law',
      '5\t1\t2\t1\t1\t2\t510\t200\t10\t30\t-1\t ',
    ].join('\n');
    expect(parseTsvLines(tsv)).toEqual([
      { text: 'Rebecca Lin', confidence: (96 * 7 + 90 * 3) / 10, bbox: { x0: 100, y0: 100, x1: 300, y1: 140 } },
      { text: 'rlin@linassociates.law', confidence: 88, bbox: { x0: 100, y0: 200, x1: 500, y1: 230 } },
    ]);
  });
});
