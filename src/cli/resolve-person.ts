// People are named on the command line by id or by a search: `kith show jane`. A search must find exactly one
// person (or one whose full name is exactly what was typed); otherwise the error says who matched.
import type { ApiClient } from './api-client.js';
import type { PeoplePage, PersonDetail, PersonSummary } from './api-types.js';
import { CliError } from './cli-error.js';

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_MATCHES = 5;

export function looksLikeId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export type NamedPerson = Pick<PersonSummary, 'id' | 'fullName' | 'company' | 'stage'>;

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export async function resolvePerson(api: ApiClient, who: string): Promise<NamedPerson> {
  const query = who.trim();
  if (!query) throw new CliError('say who: a name to search for, or an id');
  if (looksLikeId(query)) {
    const { person } = await api.get<PersonDetail>(`/people/${query}`);
    return person;
  }
  const page = await api.get<PeoplePage>(`/people?q=${encodeURIComponent(query)}&limit=${SHOWN_MATCHES + 1}`);
  if (page.items.length === 1) return page.items[0]!;
  if (page.items.length === 0) throw new CliError(`no one matches "${query}"; try \`kith find\` with part of the name`);
  const exact = page.items.filter((p) => fold(p.fullName) === fold(query));
  if (exact.length === 1) return exact[0]!;
  const shown = page.items.slice(0, SHOWN_MATCHES).map((p) => `${p.fullName}${p.company ? ` (${p.company})` : ''} ${p.id}`);
  const more = page.items.length > SHOWN_MATCHES || page.hasMore ? ', and more' : '';
  throw new CliError(`"${query}" matches several people: ${shown.join('; ')}${more}; use the id or more of the name`);
}
