// The e-mail digest: per-account settings (off, daily or weekly, at an hour of the person's own day), a preview, the
// job that writes each slot's digest into the outbox, and unsubscribing by the link every digest carries.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import type { MailSetup } from './mailer.js';
import type { OutboxService } from './outbox.service.js';
import type { SuggestionList } from './suggestions.service.js';
import type { Repositories } from '../db/store.js';
import type { DigestSettingsRecord } from '../db/repositories/digest.repository.js';
import { DIGEST_FREQUENCIES, WEEKDAYS, digestDedupeKey, latestDigestSlot, nextDigestSlot, type DigestFrequency, type DigestSchedule, type Weekday } from '../core/digest-schedule.js';
import { renderDigest, type DigestContent } from '../core/digest-content.js';
import { ValidationError, type FieldIssue } from '../core/errors.js';

export const DIGEST_JOB = 'digest';

export interface DigestSettingsView {
  frequency: DigestFrequency;
  hour: number;
  weekday: Weekday;
  timeZone: string;
  /** When the person unsubscribed by a digest's link; choosing a frequency again subscribes anew. */
  unsubscribedAt: string | null;
  /** When the next digest is due (UTC), or null when none is. */
  nextDigestAt: string | null;
}

export interface DigestSettingsPatch {
  frequency?: string | undefined;
  hour?: number | undefined;
  weekday?: string | undefined;
}

export interface DigestPreview extends DigestContent {
  today: string;
  /** How many suggestions it holds; with none, no digest would be sent today. */
  count: number;
}

/** The suggestions a digest shows: the one list of Today, `kith due` and the API. */
export interface SuggestionSource {
  today(accountId: string): Promise<SuggestionList>;
}

export type DigestRunResult = 'written' | 'already-written' | 'nothing-to-say' | 'off';

const TOKEN_PATTERN = /^u_[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

function scheduleOf(settings: DigestSettingsRecord): DigestSchedule | null {
  if (settings.frequency === 'off' || settings.unsubscribedAt) return null;
  return { frequency: settings.frequency, hour: settings.hour, weekday: settings.weekday as Weekday };
}

export class DigestService {
  constructor(
    private readonly ctx: AppContext,
    private readonly setup: MailSetup,
    private readonly suggestions: SuggestionSource,
    private readonly outbox: OutboxService,
  ) {}

  async getSettings(accountId: string): Promise<DigestSettingsView> {
    const repos = this.ctx.store.repos;
    const [settings, account, job] = await Promise.all([repos.digests.getSettings(accountId), repos.accounts.getSettings(accountId), repos.jobs.get(DIGEST_JOB, accountId)]);
    return this.view(settings, account.timeZone, job?.runAt ?? null);
  }

  /** Changes the settings and moves the digest job to the next slot, in one transaction. */
  async updateSettings(accountId: string, patch: DigestSettingsPatch): Promise<DigestSettingsView> {
    const issues: FieldIssue[] = [];
    if (patch.frequency !== undefined && !(DIGEST_FREQUENCIES as readonly string[]).includes(patch.frequency)) issues.push({ path: 'frequency', message: `must be one of: ${DIGEST_FREQUENCIES.join(', ')}` });
    if (patch.hour !== undefined && !(Number.isInteger(patch.hour) && patch.hour >= 0 && patch.hour <= 23)) issues.push({ path: 'hour', message: 'must be a whole hour from 0 to 23' });
    if (patch.weekday !== undefined && !(WEEKDAYS as readonly string[]).includes(patch.weekday)) issues.push({ path: 'weekday', message: `must be one of: ${WEEKDAYS.join(', ')}` });
    if (issues.length) throw new ValidationError(issues);
    const now = this.ctx.clock.now();
    return this.ctx.store.transaction(async (repos) => {
      const current = await repos.digests.getSettings(accountId);
      const next = {
        frequency: (patch.frequency ?? current.frequency) as DigestFrequency,
        hour: patch.hour ?? current.hour,
        weekday: patch.weekday ?? current.weekday,
        // Choosing a frequency again is subscribing again.
        unsubscribedAt: patch.frequency !== undefined && patch.frequency !== 'off' ? null : current.unsubscribedAt,
      };
      await repos.digests.saveSettings(accountId, next, now.toISOString());
      const { timeZone } = await repos.accounts.getSettings(accountId);
      const runAt = await this.scheduleJob(repos, accountId, { ...next, updatedAt: null }, timeZone, now);
      return this.view({ ...next, updatedAt: now.toISOString() }, timeZone, runAt);
    });
  }

  /** Today's digest as it would be sent now, sent to no one. Its unsubscribe link is a stand-in that does nothing. */
  async preview(accountId: string): Promise<DigestPreview> {
    const list = await this.suggestions.today(accountId);
    const content = this.render(list, `${this.publicUrl()}/unsubscribe/preview`);
    return { ...content, today: list.today, count: list.items.length };
  }

  /**
   * The digest job of one account, run by the scheduler once its slot has come: writes the digest of the latest slot
   * (one, however many were missed while no server ran) unless it exists already, and says when to run next.
   */
  async runJob(accountId: string): Promise<{ result: DigestRunResult; nextRunAt: string | null }> {
    const now = this.ctx.clock.now();
    const repos = this.ctx.store.repos;
    const [settings, account, owner] = await Promise.all([repos.digests.getSettings(accountId), repos.accounts.getSettings(accountId), repos.accounts.findById(accountId)]);
    const schedule = scheduleOf(settings);
    if (!schedule || !owner) return { result: 'off', nextRunAt: null };
    const nextRunAt = nextDigestSlot(schedule, account.timeZone, now).toISOString();
    const slot = latestDigestSlot(schedule, account.timeZone, now);
    const dedupeKey = digestDedupeKey(accountId, slot, account.timeZone);
    if (await repos.outbox.hasDedupeKey(dedupeKey)) return { result: 'already-written', nextRunAt };
    const list = await this.suggestions.today(accountId);
    if (list.items.length === 0) return { result: 'nothing-to-say', nextRunAt };
    const written = await this.ctx.store.transaction(async (trx) => {
      const token = `u_${randomBytes(32).toString('base64url')}`;
      const unsubscribeUrl = `${this.publicUrl()}/unsubscribe/${token}`;
      const content = this.render(list, unsubscribeUrl);
      const mailto = this.setup.settings.unsubscribeMailto;
      const id = await this.outbox.write(trx, {
        accountId,
        kind: 'digest',
        to: owner.email,
        ...content,
        headers: {
          // RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs to the link.
          'List-Unsubscribe': `<${unsubscribeUrl}>${mailto ? `, <mailto:${mailto}?subject=unsubscribe>` : ''}`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
        },
        dedupeKey,
      });
      // The link works once the message exists: a digest another server wrote first leaves no token behind.
      if (id) await trx.digests.addUnsubscribeToken(accountId, hashToken(token), now.toISOString());
      return id;
    });
    return { result: written ? 'written' : 'already-written', nextRunAt };
  }

  /** Whether a token has the shape of an unsubscribe token and belongs to an account. */
  async unsubscribeTarget(token: string): Promise<string | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    return this.ctx.store.repos.digests.accountOfUnsubscribeToken(hashToken(token));
  }

  /** Stops the account's digests (no sign-in needed: the token is the proof). False for an unknown token. */
  async unsubscribe(token: string): Promise<boolean> {
    const accountId = await this.unsubscribeTarget(token);
    if (!accountId) return false;
    const now = this.ctx.clock.now().toISOString();
    await this.ctx.store.transaction(async (repos) => {
      const current = await repos.digests.getSettings(accountId);
      await repos.digests.saveSettings(accountId, { ...current, unsubscribedAt: current.unsubscribedAt ?? now }, now);
      await repos.jobs.cancel(DIGEST_JOB, accountId);
    });
    return true;
  }

  private async scheduleJob(repos: Repositories, accountId: string, settings: DigestSettingsRecord, timeZone: string, now: Date): Promise<string | null> {
    const schedule = scheduleOf(settings);
    if (!schedule) {
      await repos.jobs.cancel(DIGEST_JOB, accountId);
      return null;
    }
    const runAt = nextDigestSlot(schedule, timeZone, now).toISOString();
    await repos.jobs.schedule(this.ctx.newId(), DIGEST_JOB, accountId, runAt);
    return runAt;
  }

  private view(settings: DigestSettingsRecord, timeZone: string, runAt: string | null): DigestSettingsView {
    return { frequency: settings.frequency, hour: settings.hour, weekday: settings.weekday as Weekday, timeZone, unsubscribedAt: settings.unsubscribedAt, nextDigestAt: scheduleOf(settings) ? runAt : null };
  }

  private publicUrl(): string {
    return this.setup.settings.publicUrl.replace(/\/+$/, '');
  }

  private render(list: SuggestionList, unsubscribeUrl: string): DigestContent {
    const base = this.publicUrl();
    return renderDigest({
      today: list.today,
      items: list.items.map((s) => ({ personId: s.personId, fullName: s.fullName, reasonText: s.reasonText, commonality: s.commonality, draft: s.draft })),
      personUrl: (personId) => `${base}/people/${encodeURIComponent(personId)}`,
      unsubscribeUrl,
      settingsUrl: `${base}/settings`,
    });
  }
}
