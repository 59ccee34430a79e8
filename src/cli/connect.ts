// Where the commands' requests go: a running server (--server URL --token T, or KITH_SERVER / KITH_TOKEN), or by
// default the local database, opened in this process with the app built on it and closed after the command.
import { readConfig, type KithConfig } from '../config.js';
import type { Runtime } from '../server.js';
import { ApiClient, httpTransport, inProcessTransport, normaliseServerUrl } from './api-client.js';
import { usageError } from './cli-error.js';
import { cliTokenPath, readCliToken } from './local-token.js';

export interface GlobalOptions {
  json?: boolean;
  server?: string;
  token?: string;
}

export interface Connection {
  api: ApiClient;
  close(): Promise<void>;
}

/** The server to talk to, if any: the option wins over the environment; an empty value counts as none. */
export function serverOf(globals: GlobalOptions, env: NodeJS.ProcessEnv): string | null {
  return globals.server || env.KITH_SERVER || null;
}

/**
 * The address other programs (calendars, phones) reach Kith at: `given` (a --base-url option), else the --server URL,
 * else the local `kith serve` address (then `guessed`, for the command to say so).
 */
export function publicBaseUrl(globals: GlobalOptions, env: NodeJS.ProcessEnv, given?: string): { baseUrl: string; guessed: boolean } {
  if (given !== undefined) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      throw usageError(`--base-url: "${given}" is not a URL (e.g. https://kith.example.com)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`--base-url: "${given}" is not an http(s) URL`);
    return { baseUrl: url.href.replace(/\/+$/, ''), guessed: false };
  }
  const server = serverOf(globals, env);
  if (server) return { baseUrl: normaliseServerUrl(server), guessed: false };
  return { baseUrl: `http://localhost:${env.KITH_PORT || 4321}`, guessed: true };
}

export async function connect(globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<Connection> {
  const server = serverOf(globals, env);
  if (server) {
    const token = globals.token || env.KITH_TOKEN;
    if (!token) throw usageError('--server needs an API token: add --token T or set KITH_TOKEN (make one with `kith token create <name>`)');
    return { api: new ApiClient(httpTransport(server, token)), close: async () => {} };
  }
  if (globals.token) throw usageError('--token goes with --server URL (or KITH_SERVER); without a server kith uses the local database');
  return connectLocal(env);
}

async function connectLocal(env: NodeJS.ProcessEnv): Promise<Connection> {
  const config = readConfig(env);
  // Read the token before opening anything, so that a command run before `kith init` creates no database.
  const token = readCliToken(config.dataDir);
  // Loaded only now: the server's modules take most of a second, which `kith --help` and usage errors need not wait.
  const { openRuntime } = await import('../server.js');
  return localConnection(config, await openRuntime(config), token);
}

/** The API on an open runtime, in this process; closing the connection closes the app and then the runtime. */
export async function localConnection(config: KithConfig, runtime: Runtime, token: string): Promise<Connection> {
  try {
    const { buildApp } = await import('../http/build-app.js');
    const app = await buildApp({ services: runtime.services, docs: false, logger: false });
    const where = config.databaseUrl ? 'the database of DATABASE_URL' : `the local database in ${config.dataDir}`;
    const hint = `the CLI token in ${cliTokenPath(config.dataDir)} does not belong to ${where} (was it revoked, or the database replaced?)`;
    return {
      api: new ApiClient(inProcessTransport(app, token, where, hint)),
      close: async () => {
        try {
          await app.close();
        } finally {
          await runtime.close();
        }
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** Runs `work` against the API and always closes what was opened, so the process can exit at once. */
export async function withApi<T>(globals: GlobalOptions, env: NodeJS.ProcessEnv, work: (api: ApiClient) => Promise<T>): Promise<T> {
  const connection = await connect(globals, env);
  try {
    return await work(connection.api);
  } finally {
    await connection.close();
  }
}
