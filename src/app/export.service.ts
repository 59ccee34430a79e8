// The JSON export of all of an account's data: what a person needs to leave, or to keep a copy.
import type { AppContext } from './context.js';
import type { AccountRecord, ApiTokenRecord, SettingsRecord } from '../core/records.js';
import type { ExportedTable } from '../db/repositories/export.repository.js';
import type { Repositories } from '../db/store.js';
import { CAN, type OrgRole } from '../core/organizer.js';
import type { HostedEventRecord, RegistrationRecord } from '../db/repositories/organizer.repository.js';
import type { SpeakerRecord } from '../db/repositories/speaker.repository.js';

/** An organization the account runs (owner or organizer), with what it holds; door staff's organizations are not in it. */
export interface OrganizationExport {
  id: string;
  name: string;
  role: OrgRole;
  members: { accountId: string; role: OrgRole; createdAt: string }[];
  events: HostedEventRecord[];
  registrations: RegistrationRecord[];
  speakers: SpeakerRecord[];
}

export const EXPORT_FORMAT = 'kith-export';
export const EXPORT_VERSION = 1;

export interface AccountExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  account: AccountRecord;
  settings: SettingsRecord;
  apiTokens: ApiTokenRecord[];
  data: Record<ExportedTable, Record<string, unknown>[]>;
  /** The organizations I run, with their events, registrations and speakers (never a link's secret). */
  organizations: OrganizationExport[];
}

export class ExportService {
  constructor(private readonly ctx: AppContext) {}

  async exportAccount(accountId: string): Promise<AccountExport> {
    // One transaction gives a consistent snapshot even while the person keeps working.
    return this.ctx.store.transaction(async (repos) => {
      const account = await repos.accounts.findById(accountId);
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: this.ctx.clock.now().toISOString(),
        account: account!,
        settings: await repos.accounts.getSettings(accountId),
        apiTokens: await repos.accounts.listTokens(accountId),
        data: await repos.exports.tables(accountId),
        organizations: await organizationsOf(repos, accountId),
      };
    });
  }
}

async function organizationsOf(repos: Repositories, accountId: string): Promise<OrganizationExport[]> {
  const out: OrganizationExport[] = [];
  for (const org of await repos.organizer.organizationsOf(accountId)) {
    if (!CAN.seeRegistrations(org.role)) continue;
    const events: HostedEventRecord[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await repos.organizer.events(org.id, 500, offset);
      events.push(...page);
      if (page.length < 500) break;
    }
    const registrations: RegistrationRecord[] = [];
    for (const event of events) registrations.push(...(await repos.organizer.registrations(org.id, event.id, null)));
    const members = (await repos.organizer.members(org.id)).map((m) => ({ accountId: m.accountId, role: m.role, createdAt: m.createdAt }));
    const speakers = await repos.speakers.withHistory(await repos.speakers.speakers(org.id, { hostedEventId: null, status: null }));
    out.push({ id: org.id, name: org.name, role: org.role, members, events, registrations, speakers });
  }
  return out;
}
