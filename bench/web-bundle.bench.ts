// Web figure W1: the JavaScript of the initial route. The entry <script type="module"> of dist/web/index.html and
// every <link rel="modulepreload"> are what the browser fetches before the app can start; each is gzipped here at
// level 9 (as the build prepares them and the server sends them) and the sizes are summed. Every other chunk and
// the CSS are listed too, so a chunk that grows or moves into the initial route shows by name. The baseline is
// all of the app's JavaScript, gzipped the same way: the ratio is the share the first screen has to load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  /** The path under the web root, as index.html names it: assets/index-….js. */
  file: string;
  kind: 'js' | 'css';
  raw: number;
  gzip: number;
  /** Named by index.html as the entry script or a module preload. */
  initial: boolean;
}

export interface BundleFigures {
  webRoot: string;
  /** Scripts index.html loads before the app starts: the entry first, then the module preloads. */
  initialScripts: string[];
  initialRaw: number;
  initialGzip: number;
  allJsRaw: number;
  allJsGzip: number;
  files: BundleFile[];
}

/** Attribute name → value of every `<tag …>` in `html`. */
function tags(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    for (const a of match[1]!.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attributes[a[1]!.toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    found.push(attributes);
  }
  return found;
}

/** The scripts of the initial route, as paths under the web root (assets/x.js), entry first. */
export function initialScriptsOf(html: string): string[] {
  const entries = tags(html, 'script').filter((a) => a.type === 'module' && a.src).map((a) => a.src!);
  const preloads = tags(html, 'link').filter((a) => (a.rel ?? '').split(/\s+/).includes('modulepreload') && a.href).map((a) => a.href!);
  if (entries.length === 0) throw new Error('index.html has no <script type="module" src>: is dist/web a Vite build?');
  return [...new Set([...entries, ...preloads].map((src) => new URL(src, 'http://kith.invalid/').pathname.replace(/^\//, '')))];
}

const gzipSize = (content: Buffer) => gzipSync(content, { level: 9 }).length;

export function measureBundle(webRoot: string): BundleFigures {
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error(`${webRoot}/index.html is missing: run \`npm run build\` first (npm run bench does)`);
  const initialScripts = initialScriptsOf(readFileSync(join(webRoot, 'index.html'), 'utf8'));
  const assets = readdirSync(join(webRoot, 'assets')).filter((name) => /\.(js|css)$/.test(name)).sort();
  const files: BundleFile[] = assets.map((name) => {
    const file = `assets/${name}`;
    const content = readFileSync(join(webRoot, file));
    return { file, kind: name.endsWith('.css') ? 'css' : 'js', raw: content.length, gzip: gzipSize(content), initial: initialScripts.includes(file) };
  });
  // A script index.html names outside assets/ still counts.
  for (const file of initialScripts.filter((f) => !files.some((x) => x.file === f))) {
    const content = readFileSync(join(webRoot, file));
    files.push({ file, kind: 'js', raw: content.length, gzip: gzipSize(content), initial: true });
  }
  files.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const js = files.filter((f) => f.kind === 'js');
  const initial = js.filter((f) => f.initial);
  const sum = (list: BundleFile[], key: 'raw' | 'gzip') => list.reduce((total, f) => total + f[key], 0);
  return {
    webRoot,
    initialScripts,
    initialRaw: sum(initial, 'raw'),
    initialGzip: sum(initial, 'gzip'),
    allJsRaw: sum(js, 'raw'),
    allJsGzip: sum(js, 'gzip'),
    files,
  };
}

/** KB here are 1,024 bytes, as in the target (250 KB gzipped). */
export const formatKb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One line per file: name, raw and gzipped size, and whether the initial route loads it (or, when known, /people). */
export function bundleLines(f: BundleFigures, loadedByPeople: ReadonlySet<string> = new Set()): string[] {
  const width = Math.max(...f.files.map((x) => x.file.length));
  return f.files.map((x) => {
    const role = x.kind === 'css' ? 'stylesheet' : x.initial ? 'INITIAL route' : loadedByPeople.has(x.file) ? 'lazy, loaded by /people' : 'lazy';
    return `  ${x.file.padEnd(width)}  ${formatKb(x.raw).padStart(9)} raw  ${formatKb(x.gzip).padStart(8)} gzip  ${role}`;
  });
}
