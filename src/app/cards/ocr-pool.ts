// A pool of warm tesseract.js workers. Each worker already runs in its own worker thread (tesseract.js spawns a
// worker_threads Worker holding the WebAssembly engine), so recognising a card never blocks the event loop; the pool
// only decides how many run at once, keeps them warm, and replaces one that dies or hangs.
import os from 'node:os';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { KithError } from '../../core/errors.js';
import { CARD_LANGUAGES, prepareLanguageFolder } from './tessdata.js';
import { parseTsvLines, readingOrder, type OcrLine } from './ocr-lines.js';

export type { OcrLine } from './ocr-lines.js';

export interface OcrResult {
  /** Lines in reading order (columns left to right, each top to bottom; see readingOrder), blank lines left out. */
  lines: OcrLine[];
  /** The lines joined with "\n". */
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
}

export interface OcrPoolOptions {
  /**
   * Workers running at once. Default: one per core (os.availableParallelism()). A worker is single-threaded
   * (WebAssembly without threads), so more workers than cores only make them take turns on the CPU, while fewer
   * leave a core idle when several cards arrive together (a stack scanned after an event). Each worker holds
   * ~100 MB with three languages; on a small server with little memory, pass 1.
   */
  size?: number;
  languages?: readonly string[];
  /**
   * Tesseract page segmentation mode. Default 11 (sparse text): cards are scattered short lines in columns and
   * bands, which mode 6 merges across columns and mode 3 sometimes drops; measured in bench/cards-ocr-scratch.ts.
   */
  pageSegMode?: string;
  /** Folder the language models are copied to (default: a folder under the OS temp directory). */
  languageFolder?: string;
  /** A recognition taking longer than this is taken for a hung worker: it is replaced and the card tried once more. */
  recognizeTimeoutMs?: number;
  /** A worker not ready after this long is given up (and stopped if it comes up later). */
  startTimeoutMs?: number;
}

interface Job {
  image: Buffer;
  retried: boolean;
  resolve: (result: OcrResult) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  tesseract: Tesseract.Worker;
  /** Rejects when the worker thread exits or throws: a hung or dead worker must not leave a request waiting forever. */
  died: Promise<never>;
}

const DEFAULT_PAGE_SEG_MODE = '11';

/** ocr-worker.cjs: beside this file in the sources, at the top of dist/ in the build (scripts/build.mjs copies it). */
const OCR_WORKER_SCRIPT = [new URL('./ocr-worker.cjs', import.meta.url), new URL('../ocr-worker.cjs', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((file) => existsSync(file));

export class OcrPool {
  readonly size: number;
  private readonly languages: readonly string[];
  private readonly pageSegMode: string;
  private readonly recognizeTimeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly languageFolderOption: string | undefined;
  private languageFolder: string | null = null;
  private readonly idle: PoolWorker[] = [];
  private readonly busy = new Set<PoolWorker>();
  private readonly queue: Job[] = [];
  /** Workers being created (at start, or to replace one that failed). */
  private spawning = 0;
  private started: Promise<void> | null = null;
  /** The workers after the first, starting in the background. */
  private rest: Promise<void> = Promise.resolve();
  private closed = false;
  private lastSpawnError: unknown = null;
  private failedSpawnsInARow = 0;

  constructor(options: OcrPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? os.availableParallelism()));
    this.languages = options.languages ?? CARD_LANGUAGES;
    this.pageSegMode = options.pageSegMode ?? DEFAULT_PAGE_SEG_MODE;
    this.recognizeTimeoutMs = options.recognizeTimeoutMs ?? 20_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 15_000;
    this.languageFolderOption = options.languageFolder;
  }

  /**
   * Starts the workers; resolves as soon as one is warm, since one worker reads cards already. The others start after
   * it rather than beside it: on two cores, two workers and OpenCV starting together each took longer than one alone
   * (1.1–1.3 s against 0.75 s to the first warm worker). `allWarm()` waits for the rest. Safe to call more than once.
   */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new KithError('KITH_CARD_OCR_FAILED', 'the OCR pool is closed'));
    this.started ??= this.startFirst();
    return this.started;
  }

  /** Resolves when every worker of the pool has started (or failed to: a missing one is started again when needed). */
  async allWarm(): Promise<void> {
    await this.start();
    await this.rest;
  }

  private async startFirst(): Promise<void> {
    this.languageFolder = await prepareLanguageFolder(this.languages, this.languageFolderOption);
    try {
      await checkLanguageFiles(this.languageFolder, this.languages);
    } catch {
      // A damaged copy (a full disk, a stray edit) is replaced from the npm package once; a damaged package is not.
      await prepareLanguageFolder(this.languages, this.languageFolder, { refresh: true });
      await checkLanguageFiles(this.languageFolder, this.languages);
    }
    try {
      await this.spawn();
    } catch (error) {
      // A later start() or recognize() tries again from scratch.
      this.started = null;
      throw error;
    }
    this.rest = Promise.allSettled(Array.from({ length: this.size - 1 }, () => this.spawn())).then(() => undefined);
  }

  /** Reads the text of a prepared card image (PNG). Rejects with KITH_CARD_OCR_FAILED when the engine fails twice. */
  async recognize(png: Buffer): Promise<OcrResult> {
    await this.start();
    return new Promise<OcrResult>((resolve, reject) => {
      this.queue.push({ image: png, retried: false, resolve, reject });
      // Tops the pool up if a replacement failed to start earlier.
      this.replaceWorker();
      this.pump();
    });
  }

  /** Stops every worker; requests still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new KithError('KITH_CARD_OCR_FAILED', 'the OCR pool was closed before the card was read'));
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((w) => w.tesseract.terminate().catch(() => undefined)));
  }

  /** Workers alive right now (for health checks and tests). */
  get liveWorkers(): number {
    return this.idle.length + this.busy.size;
  }

  private async spawn(): Promise<void> {
    this.spawning += 1;
    const creating = this.createWorker();
    try {
      const worker = await withTimeout(creating, this.startTimeoutMs, `the OCR engine did not start within ${this.startTimeoutMs} ms`);
      if (this.closed) {
        await worker.tesseract.terminate();
        return;
      }
      this.idle.push(worker);
      this.lastSpawnError = null;
      this.failedSpawnsInARow = 0;
    } catch (error) {
      // A worker that comes up after its deadline would otherwise run unseen.
      creating.then((late) => late.tesseract.terminate()).catch(() => undefined);
      this.lastSpawnError = error;
      this.failedSpawnsInARow += 1;
      throw error instanceof KithError ? error : new KithError('KITH_CARD_OCR_UNAVAILABLE', `the OCR engine could not start: ${describe(error)}`);
    } finally {
      this.spawning -= 1;
      this.pump();
    }
  }

  private async createWorker(): Promise<PoolWorker> {
    const tesseract = await Tesseract.createWorker([...this.languages], Tesseract.OEM.LSTM_ONLY, {
      langPath: this.languageFolder!,
      gzip: true,
      // The default cache writes ./eng.traineddata into the working directory and prefers it to langPath.
      cacheMethod: 'none',
      // Errors also reject the job's promise, handled there; without a handler tesseract.js throws them at top level.
      errorHandler: () => undefined,
      workerPath: OCR_WORKER_SCRIPT,
    });
    await tesseract.setParameters({
      tessedit_pageseg_mode: this.pageSegMode as Tesseract.PSM,
      // Cards are prepared at ~300 dpi; without this tesseract estimates the resolution of every image.
      user_defined_dpi: '300',
    });
    const thread = (tesseract as unknown as { worker: ThreadWorker }).worker;
    const died = new Promise<never>((_, reject) => {
      thread.once('error', (error) => reject(new Error(`OCR worker crashed: ${describe(error)}`)));
      thread.once('exit', (code) => reject(new Error(`OCR worker exited (code ${code})`)));
    });
    const worker: PoolWorker = { tesseract, died };
    // A worker that dies while idle is dropped and replaced at once; one that dies busy is handled by its job.
    died.catch(() => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) {
        this.idle.splice(at, 1);
        this.replaceWorker();
      }
    });
    return worker;
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0 && this.idle.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.add(worker);
      void this.run(worker, job);
    }
    // Every worker is gone and none is coming back: fail what waits instead of leaving it hanging.
    if (this.queue.length > 0 && this.liveWorkers === 0 && this.spawning === 0) {
      if (this.failedSpawnsInARow < 2) {
        this.replaceWorker();
      } else {
        // Give up on what waits now; the next request tries to start a worker again.
        this.failedSpawnsInARow = 0;
        const reason = `the OCR engine is not available: ${describe(this.lastSpawnError)}`;
        for (const job of this.queue.splice(0)) job.reject(new KithError('KITH_CARD_OCR_FAILED', reason));
      }
    }
  }

  private async run(worker: PoolWorker, job: Job): Promise<void> {
    try {
      const recognized = worker.tesseract.recognize(job.image, {}, { text: false, tsv: true });
      const { data } = await Promise.race([
        withTimeout(recognized, this.recognizeTimeoutMs, `reading the card took longer than ${this.recognizeTimeoutMs} ms`),
        worker.died,
      ]);
      this.busy.delete(worker);
      this.idle.push(worker);
      const lines = readingOrder(parseTsvLines(data.tsv ?? ''));
      job.resolve({ lines, text: lines.map((l) => l.text).join('\n'), confidence: Math.max(0, data.confidence ?? 0) });
    } catch (error) {
      // The worker may be hung or its engine in a bad state: never reuse it.
      this.busy.delete(worker);
      void worker.tesseract.terminate().catch(() => undefined);
      this.replaceWorker();
      if (!job.retried && !this.closed) {
        job.retried = true;
        this.queue.unshift(job);
      } else {
        job.reject(new KithError('KITH_CARD_OCR_FAILED', `the OCR engine failed to read the card: ${describe(error)}`));
      }
    } finally {
      this.pump();
    }
  }

  private replaceWorker(): void {
    if (this.closed || this.liveWorkers + this.spawning >= this.size) return;
    this.spawn().catch(() => undefined);
  }
}

/** The files exist and decompress: a corrupt model can crash the engine in ways its error handling does not catch. */
async function checkLanguageFiles(folder: string, languages: readonly string[]): Promise<void> {
  for (const language of languages) {
    const file = path.join(folder, `${language}.traineddata.gz`);
    try {
      const unpacked = await promisify(gunzip)(await readFile(file));
      if (unpacked.length < 1024) throw new Error('too small');
    } catch (error) {
      throw new KithError('KITH_CARD_OCR_UNAVAILABLE', `the OCR language data ${file} is not usable: ${describe(error)}`);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
