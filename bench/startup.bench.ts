// Figure 4: from spawning `node bin/kith.js serve` on the seeded data folder to the first 200 from GET /healthz,
// against a bare Fastify + better-sqlite3 script opening the same SQLite file, started and polled the same way.
// Runs alternate between the two, so a noisy moment does not land on one side only.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { freePort, pollUntilOk, spawnNode, stopChild } from './child-server.js';
import { median } from './stats.js';

export interface StartupFigures {
  runs: number;
  /** What was started for Kith: `bin/kith.js serve`, or the dist/server.js launcher when the CLI is not built. */
  kithCommand: string;
  kith: number[];
  baseline: number[];
  kithMedian: number;
  baselineMedian: number;
}

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

async function timeToFirstOk(args: string[], dataDir: string): Promise<number> {
  const port = await freePort();
  let stderr = '';
  const since = performance.now();
  const child = spawnNode(args, { KITH_DATA_DIR: dataDir, KITH_PORT: String(port), KITH_HOST: '127.0.0.1' });
  child.stdout!.resume();
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`))));
  try {
    return await Promise.race([pollUntilOk(`http://127.0.0.1:${port}/healthz`, since), exited]);
  } finally {
    exited.catch(() => {});
    await stopChild(child);
  }
}

export async function benchStartup(dataDir: string, runs = 5): Promise<StartupFigures> {
  // `kith serve` needs the CLI built; if this checkout has none yet, measure the same start through dist/server.js.
  const cliBuilt = existsSync(root('dist/cli/main.js'));
  const kithArgs = cliBuilt ? [root('bin/kith.js'), 'serve'] : [root('bench/servers/kith-server.mjs')];
  const baselineArgs = [root('bench/servers/sqlite-hello-server.mjs')];
  // One unmeasured start of each, so the first measured run does not pay for a cold file cache alone.
  await timeToFirstOk(kithArgs, dataDir);
  await timeToFirstOk(baselineArgs, dataDir);
  const kith: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      kith.push(await timeToFirstOk(kithArgs, dataDir));
      baseline.push(await timeToFirstOk(baselineArgs, dataDir));
    } else {
      baseline.push(await timeToFirstOk(baselineArgs, dataDir));
      kith.push(await timeToFirstOk(kithArgs, dataDir));
    }
  }
  return {
    runs,
    kithCommand: cliBuilt ? 'node bin/kith.js serve' : 'node bench/servers/kith-server.mjs (dist/cli/main.js is not built: no `kith serve` yet)',
    kith,
    baseline,
    kithMedian: median(kith),
    baselineMedian: median(baseline),
  };
}
