// `kith duplicates` (the candidate pairs with their evidence) and `kith merge KEEP MERGE` (field by field, after
// showing the plan and asking) or `kith merge --undo ID`. Nothing merges without this explicit command.
import type { Command } from 'commander';
import type { PersonDetail } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { usageError } from '../cli-error.js';
import { parseWholeNumber } from '../parse-options.js';
import { ask } from '../prompt.js';
import { resolvePerson } from '../resolve-person.js';

interface PairSide { id: string; fullName: string; company: string | null; emails: string[]; phones: string[] }
interface Pair { a: PairSide; b: PairSide; confidence: number; certain: boolean; evidence: string[] }
interface Merge { id: string; keptId: string; mergedId: string; keptName: string; mergedName: string; createdAt: string; undoneAt: string | null }

const SCALARS = ['fullName', 'company', 'title', 'stage', 'cadenceDays', 'introducedBy', 'metAt'] as const;
const LISTS = ['notes', 'emails', 'phones', 'links', 'addresses', 'commonalities'] as const;
type Field = (typeof SCALARS)[number] | (typeof LISTS)[number];

function who(p: PairSide): string {
  return p.company ? `${p.fullName} (${p.company})` : p.fullName;
}

/** `--take title=merge --take emails=keep` → { title: 'merge', emails: 'keep' }, checked. */
export function parseTakes(takes: string[]): Partial<Record<Field, string>> {
  const fields: Partial<Record<Field, string>> = {};
  for (const take of takes) {
    const [field, side] = take.split('=');
    if ((SCALARS as readonly string[]).includes(field ?? '')) {
      if (side !== 'keep' && side !== 'merge') throw usageError(`--take ${take}: ${field} takes keep or merge`);
    } else if ((LISTS as readonly string[]).includes(field ?? '')) {
      if (side !== 'keep' && side !== 'merge' && side !== 'both') throw usageError(`--take ${take}: ${field} takes keep, merge or both`);
    } else {
      throw usageError(`--take ${take}: the fields are ${[...SCALARS, ...LISTS].join(', ')}`);
    }
    fields[field as Field] = side;
  }
  return fields;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v: { value?: string; text?: string }) => v.value ?? v.text ?? String(v)).join(', ');
  return String(value);
}

/** The plan, one line per field: what each side has and what the kept person will have. */
function plan(keep: PersonDetail['person'], merge: PersonDetail['person'], fields: Partial<Record<Field, string>>): string[] {
  const lines: string[] = [];
  const row = (label: string, k: unknown, m: unknown, choice: string) => {
    if (show(k) === show(m)) return;
    lines.push(`  ${label.padEnd(14)} keep: ${show(k)}  |  merge: ${show(m)}  → ${choice}`);
  };
  const scalar = (f: Field, k: unknown, m: unknown) => row(f, k, m, fields[f] ?? (k === null || k === undefined || k === '' ? 'merge (keep has none)' : 'keep'));
  scalar('fullName', keep.fullName, merge.fullName);
  scalar('company', keep.company, merge.company);
  scalar('title', keep.title, merge.title);
  scalar('stage', keep.stage, merge.stage);
  scalar('cadenceDays', keep.cadenceDays, merge.cadenceDays);
  scalar('introducedBy', keep.introducedBy, merge.introducedBy);
  row('notes', keep.notes, merge.notes, fields.notes ?? 'both');
  for (const f of ['emails', 'phones', 'links', 'addresses', 'commonalities'] as const) row(f, keep[f], merge[f], fields[f] ?? 'both (no repeats)');
  return lines;
}

export function registerDuplicates(program: Command, ctx: CommandContext): void {
  program
    .command('duplicates')
    .description('people who may be the same person, best first, with the evidence')
    .option('--limit <n>', 'how many pairs', '20')
    .addHelpText('after', '\nExamples:\n  kith duplicates\n  kith duplicates --json\n  kith merge <keep-id> <merge-id>')
    .action((options: { limit: string }, command: Command) => {
      const limit = parseWholeNumber(options.limit, '--limit', 1, 200);
      return ctx.withApi(command, async (api, out) => {
        const page = await api.get<{ items: Pair[]; total: number }>(`/duplicates?limit=${limit}`);
        out.result(page, () => {
          if (page.items.length === 0) return out.line('No duplicates found.');
          for (const pair of page.items) {
            out.line(`${pair.certain ? 'certain' : `likely ${Math.round(pair.confidence * 100)}%`}: ${who(pair.a)}  ↔  ${who(pair.b)}`);
            for (const e of pair.evidence) out.line(`    ${e}`);
            out.line(`    kith merge ${pair.a.id} ${pair.b.id}`);
          }
          if (page.total > page.items.length) out.line(`… and ${page.total - page.items.length} more (--limit).`);
        });
      });
    });

  program
    .command('merge')
    .description('merge two people field by field (shows the plan and asks), or undo a merge')
    .argument('[keep]', 'the person to keep: a name to search for or an id')
    .argument('[merge]', 'the person merged into them (deleted; undo brings them back)')
    .option('--take <field=side...>', 'take a field from the other side: fullName=merge, notes=both, emails=keep …', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('-y, --yes', 'merge without asking')
    .option('--undo <merge-id>', 'undo a merge: both people come back exactly as they were')
    .addHelpText('after', '\nExamples:\n  kith merge "Robert Jones" "Bob Jones"\n  kith merge KEEP MERGE --take title=merge --take notes=keep --yes\n  kith merge --undo <merge-id>')
    .action((keepWho: string | undefined, mergeWho: string | undefined, options: { take: string[]; yes?: boolean; undo?: string }, command: Command) => {
      if (options.undo !== undefined) {
        if (keepWho !== undefined) throw usageError('--undo takes a merge id and no people');
        return ctx.withApi(command, async (api, out) => {
          const { merge } = await api.post<{ merge: Merge }>(`/merges/${encodeURIComponent(options.undo!)}/undo`, {});
          out.result({ merge }, () => out.line(`Undone: ${merge.keptName} and ${merge.mergedName} are two people again.`));
        });
      }
      if (keepWho === undefined || mergeWho === undefined) throw usageError('say who: kith merge KEEP MERGE (or --undo ID)');
      const fields = parseTakes(options.take);
      return ctx.withApi(command, async (api, out) => {
        const keep = await resolvePerson(api, keepWho);
        const merge = await resolvePerson(api, mergeWho);
        if (keep.id === merge.id) throw usageError(`"${keepWho}" and "${mergeWho}" are the same person`);
        const [k, m] = await Promise.all([api.get<PersonDetail>(`/people/${keep.id}`), api.get<PersonDetail>(`/people/${merge.id}`)]);
        if (!out.json) {
          out.line(`Merge ${m.person.fullName} into ${k.person.fullName}:`);
          const lines = plan(k.person, m.person, fields);
          out.lines(lines.length > 0 ? lines : ['  (no field differs)']);
          out.line('  Touches, promises, events met, stage history and card images of both stay on the kept person.');
        }
        let go = options.yes === true;
        if (!go && ctx.io.isTTY) go = ['', 'y', 'yes'].includes((await ask(ctx.io, 'Merge? [Y/n] ')).trim().toLowerCase());
        if (!go) {
          out.note(ctx.io.isTTY ? 'Not merged.' : 'Not merged: run it again with --yes to merge without being asked.');
          return;
        }
        const result = await api.post<{ merge: Merge; person: PersonDetail['person'] }>('/merges', { keep: keep.id, merge: merge.id, fields });
        out.result(result, () => out.line(`Merged into ${result.person.fullName}. Undo with: kith merge --undo ${result.merge.id}`));
      });
    });
}
