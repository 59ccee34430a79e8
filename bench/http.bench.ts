// Figure 3: GET /api/v1/people/:id with a Bearer API token (so authentication is part of every request), under
// autocannon with 100 connections, against a bare Fastify hello-world run the same way in the same run. Each
// server runs in a child process; autocannon runs here. Kith is the built code (dist/) on the seeded data folder.
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { startChildServer, type ChildServer } from './child-server.js';
import { mulberry32, pick } from './seed-data.js';

export interface LoadFigures {
  reqPerSec: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface HttpFigures {
  connections: number;
  durationS: number;
  /** How many different people the requests rotate through. */
  distinctIds: number;
  kith: LoadFigures;
  hello: LoadFigures;
}

export interface HttpOptions {
  dataDir: string;
  token: string;
  personIds: string[];
  durationS: number;
  connections?: number;
  distinctIds?: number;
  log?: (line: string) => void;
}

const script = (name: string) => fileURLToPath(new URL(`./servers/${name}`, import.meta.url));
const WARM_UP_S = 2;

function figuresOf(result: Result): LoadFigures {
  return {
    reqPerSec: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

type Request = { method: string; path: string; headers: Record<string, string> };

/** A warm-up, then the measured run. Each connection starts at a different place in the list of requests. */
async function load(url: string, requests: Request[], connections: number, durationS: number): Promise<Result> {
  let client = 0;
  const options = {
    url,
    connections,
    requests,
    setupClient: (c: { setRequests(r: Request[]): void }) => {
      const shift = (client++ * 7) % requests.length;
      c.setRequests([...requests.slice(shift), ...requests.slice(0, shift)].map((r) => ({ ...r })));
    },
  };
  await autocannon({ ...options, duration: WARM_UP_S });
  return autocannon({ ...options, duration: durationS });
}

async function withServer<T>(server: Promise<ChildServer>, work: (s: ChildServer) => Promise<T>): Promise<T> {
  const s = await server;
  try {
    return await work(s);
  } finally {
    await s.stop();
  }
}

export async function benchHttp(options: HttpOptions): Promise<HttpFigures> {
  const connections = options.connections ?? 100;
  const log = options.log ?? (() => {});
  const rng = mulberry32(42);
  const ids = Array.from({ length: options.distinctIds ?? 300 }, () => pick(rng, options.personIds));
  const headers = { authorization: `Bearer ${options.token}` };

  log(`  hello-world baseline, ${connections} connections, ${options.durationS} s…`);
  const hello = await withServer(startChildServer(script('hello-server.mjs'), { KITH_PORT: '0' }), (s) =>
    load(s.url, [{ method: 'GET', path: '/', headers: {} }], connections, options.durationS),
  );

  log(`  Kith GET /api/v1/people/:id over ${new Set(ids).size} people, ${connections} connections, ${options.durationS} s…`);
  const env = { KITH_DATA_DIR: options.dataDir, KITH_PORT: '0', KITH_HOST: '127.0.0.1' };
  const kith = await withServer(startChildServer(script('kith-server.mjs'), env), async (s) => {
    // One real request first: the figures mean nothing if the route answers 401 or 404.
    const probe = await fetch(`${s.url}/api/v1/people/${ids[0]}`, { headers });
    const body = (await probe.json()) as { person?: { id?: string } };
    if (probe.status !== 200 || body.person?.id !== ids[0]) throw new Error(`GET /api/v1/people/:id answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return load(s.url, ids.map((id) => ({ method: 'GET', path: `/api/v1/people/${id}`, headers })), connections, options.durationS);
  });

  return { connections, durationS: options.durationS, distinctIds: new Set(ids).size, kith: figuresOf(kith), hello: figuresOf(hello) };
}
