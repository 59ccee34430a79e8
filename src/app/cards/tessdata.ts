// The language models tesseract.js reads, from the npm packages installed with Kith: never fetched from a network.
// tesseract.js wants every language of one worker in one folder, so the LSTM-only models (`4.0.0_best_int`, the
// ones the LSTM engine uses; `4.0.0` also carries the large legacy model) are copied once into a shared folder.
import { createRequire } from 'node:module';
import { constants as fsConstants } from 'node:fs';
import { access, copyFile, mkdir, rename, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KithError } from '../../core/errors.js';

// Not named `require`: the server bundle declares its own `require` at the top of every chunk.
const localRequire = createRequire(import.meta.url);

/**
 * French, German and English: the eng model alone misreads ß, ü and é, which cards in Europe are full of. The first
 * language leads (tesseract tries the others on words it reads poorly), and with eng first accents were still
 * dropped ("Schafer", "Emilie"): fra first read 86.7 % of printed lines against 83.9 % on 180 development cards,
 * and no fewer on the English-language ones (US 411 vs 407 lines, GB 316 vs 313).
 */
export const CARD_LANGUAGES = ['fra', 'deu', 'eng'] as const;

function packagedModel(language: string): string {
  let packageJson: string;
  try {
    packageJson = localRequire.resolve(`@tesseract.js-data/${language}/package.json`);
  } catch {
    throw new KithError('KITH_CARD_OCR_UNAVAILABLE', `the OCR language data for "${language}" is not installed (npm package @tesseract.js-data/${language})`);
  }
  return path.join(path.dirname(packageJson), '4.0.0_best_int', `${language}.traineddata.gz`);
}

async function sameSize(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.size === sb.size;
  } catch {
    return false;
  }
}

/**
 * Makes sure `folder` holds `<language>.traineddata.gz` for every language and returns it; `refresh` copies them
 * again even when present. Copies go through a temporary name and a rename, so two processes starting at once
 * never see half a file.
 */
export async function prepareLanguageFolder(
  languages: readonly string[],
  folder = path.join(os.tmpdir(), 'kith-tessdata-4.0.0_best_int'),
  { refresh = false }: { refresh?: boolean } = {},
): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const language of languages) {
    const source = packagedModel(language);
    try {
      await access(source, fsConstants.R_OK);
    } catch {
      throw new KithError('KITH_CARD_OCR_UNAVAILABLE', `the OCR language data file ${source} is missing or unreadable`);
    }
    const target = path.join(folder, `${language}.traineddata.gz`);
    if (!refresh && (await sameSize(source, target))) continue;
    const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    await copyFile(source, partial);
    await rename(partial, target);
  }
  return folder;
}
