// Every error code the code base can produce has a status in the one table and a line in docs/errors.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../src/http/error-status.js';

const ENVIRONMENT_VARIABLES = new Set(['KITH_DATA_DIR', 'KITH_WEB_DIR', 'KITH_HOST', 'KITH_PORT', 'KITH_PG_POOL_SIZE', 'KITH_SECURE_COOKIES', 'KITH_SERVER', 'KITH_TOKEN', 'KITH_PUBLIC_URL', 'KITH_SMTP_URL', 'KITH_MAIL_FROM', 'KITH_MAIL_UNSUBSCRIBE_TO', 'KITH_JOBS', 'KITH_JOBS_TICK_SECONDS', 'KITH_TRUST_PROXY']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

describe('error codes', () => {
  const used = new Set(sourceFiles('src').flatMap((file) => readFileSync(file, 'utf8').match(/KITH_[A-Z_]+/g) ?? []).filter((c) => !ENVIRONMENT_VARIABLES.has(c)));
  const documented = readFileSync('docs/errors.md', 'utf8');

  it('every code thrown has a status in the table', () => {
    expect([...used].filter((code) => !(code in ERROR_STATUS))).toEqual([]);
  });

  it('every code in the table is documented with its fix in docs/errors.md', () => {
    expect(Object.keys(ERROR_STATUS).filter((code) => !documented.includes(`| \`${code}\` | ${ERROR_STATUS[code]} |`))).toEqual([]);
  });
});
