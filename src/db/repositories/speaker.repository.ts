// Speakers of an organization's events, their dated steps and their invitations (issue 7). Every query of a speaker
// names the organization; the service checks membership first (OrganizerService.requireRole). An invitation is
// found by its link only through the SHA-256 of the token.
import type { DialectName } from '../dialect.js';
import type { Executor } from './executor.js';
import type { Database } from '../schema.js';
import type { SpeakerAnswer, SpeakerStatus } from '../../core/speaker-pipeline.js';

export interface SpeakerFields {
  hostedEventId: string | null;
  fullName: string;
  email: string | null;
  company: string | null;
  title: string | null;
  topic: string | null;
  notes: string | null;
}

export interface SpeakerStep {
  status: SpeakerStatus;
  at: string;
  onBehalf: boolean;
  note: string | null;
  /** Who moved it; null: the speaker, through their invitation's page. */
  byAccountId: string | null;
}

export interface InvitationRecord {
  id: string;
  speakerId: string;
  organizationId: string;
  message: string | null;
  sentAt: string;
  nudgeAt: string | null;
  nudgedAt: string | null;
  revokedAt: string | null;
  answeredAt: string | null;
  answer: SpeakerAnswer | null;
  onBehalf: boolean;
  note: string | null;
}

export interface SpeakerRow extends SpeakerFields {
  id: string;
  organizationId: string;
  status: SpeakerStatus;
  createdAt: string;
  updatedAt: string;
}

export interface SpeakerRecord extends SpeakerRow {
  steps: SpeakerStep[];
  /** The latest invitation, if any (never its link). */
  invitation: InvitationRecord | null;
}

type SpeakersTable = Database['speakers'];
type InvitationsTable = Database['speaker_invitations'];

const toSpeaker = (r: SpeakersTable): SpeakerRow => ({
  id: r.id,
  organizationId: r.organization_id,
  hostedEventId: r.hosted_event_id,
  fullName: r.full_name,
  email: r.email,
  company: r.company,
  title: r.title,
  topic: r.topic,
  notes: r.notes,
  status: r.status as SpeakerStatus,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toInvitation = (r: InvitationsTable): InvitationRecord => ({
  id: r.id,
  speakerId: r.speaker_id,
  organizationId: r.organization_id,
  message: r.message,
  sentAt: r.created_at,
  nudgeAt: r.nudge_at,
  nudgedAt: r.nudged_at,
  revokedAt: r.revoked_at,
  answeredAt: r.answered_at,
  answer: r.answer as SpeakerAnswer | null,
  onBehalf: !!r.on_behalf,
  note: r.note,
});

const speakerColumns = (f: SpeakerFields) => ({
  hosted_event_id: f.hostedEventId,
  full_name: f.fullName,
  email: f.email,
  company: f.company,
  title: f.title,
  topic: f.topic,
  notes: f.notes,
});

export class SpeakerRepository {
  constructor(
    protected readonly db: Executor,
    protected readonly dialect: DialectName,
  ) {}

  async insert(s: { id: string; organizationId: string; status: SpeakerStatus } & SpeakerFields, at: string): Promise<void> {
    await this.db
      .insertInto('speakers')
      .values({ id: s.id, organization_id: s.organizationId, ...speakerColumns(s), status: s.status, created_at: at, updated_at: at })
      .execute();
  }

  async update(organizationId: string, id: string, fields: SpeakerFields, at: string): Promise<void> {
    await this.db.updateTable('speakers').set({ ...speakerColumns(fields), updated_at: at }).where('organization_id', '=', organizationId).where('id', '=', id).execute();
  }

  async setStatus(id: string, status: SpeakerStatus, at: string): Promise<void> {
    await this.db.updateTable('speakers').set({ status, updated_at: at }).where('id', '=', id).execute();
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.db.deleteFrom('speakers').where('organization_id', '=', organizationId).where('id', '=', id).execute();
  }

  async speaker(organizationId: string, id: string): Promise<SpeakerRow | null> {
    const row = await this.db.selectFrom('speakers').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
    return row ? toSpeaker(row) : null;
  }

  /**
   * The speaker's row, locked for the rest of the transaction on PostgreSQL (SELECT … FOR UPDATE), so that an
   * organizer's move and the speaker's own answer never interleave. SQLite's write transactions are one at a time.
   */
  async lock(id: string): Promise<SpeakerRow | null> {
    const row = await this.db
      .selectFrom('speakers')
      .selectAll()
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toSpeaker(row) : null;
  }

  async speakers(organizationId: string, filter: { hostedEventId: string | null; status: SpeakerStatus | null }): Promise<SpeakerRow[]> {
    const rows = await this.db
      .selectFrom('speakers')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .$if(filter.hostedEventId !== null, (qb) => qb.where('hosted_event_id', '=', filter.hostedEventId))
      .$if(filter.status !== null, (qb) => qb.where('status', '=', filter.status!))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSpeaker);
  }

  /** The speakers with their steps and latest invitation, in two queries whatever their number. */
  async withHistory(speakers: SpeakerRow[]): Promise<SpeakerRecord[]> {
    if (!speakers.length) return [];
    const ids = speakers.map((s) => s.id);
    const [steps, invitations] = await Promise.all([
      this.db.selectFrom('speaker_steps').selectAll().where('speaker_id', 'in', ids).orderBy('at').orderBy('id').execute(),
      this.db.selectFrom('speaker_invitations').selectAll().where('speaker_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
    ]);
    const stepsOf = new Map<string, SpeakerStep[]>();
    for (const s of steps) {
      const list = stepsOf.get(s.speaker_id) ?? [];
      list.push({ status: s.status as SpeakerStatus, at: s.at, onBehalf: !!s.on_behalf, note: s.note, byAccountId: s.account_id });
      stepsOf.set(s.speaker_id, list);
    }
    const latest = new Map<string, InvitationRecord>();
    for (const i of invitations) latest.set(i.speaker_id, toInvitation(i));
    return speakers.map((s) => ({ ...s, steps: stepsOf.get(s.id) ?? [], invitation: latest.get(s.id) ?? null }));
  }

  async addStep(step: { id: string; speakerId: string; status: SpeakerStatus; at: string; onBehalf: boolean; note: string | null; accountId: string | null }): Promise<void> {
    await this.db
      .insertInto('speaker_steps')
      .values({ id: step.id, speaker_id: step.speakerId, status: step.status, at: step.at, on_behalf: step.onBehalf ? 1 : 0, note: step.note, account_id: step.accountId })
      .execute();
  }

  async insertInvitation(i: { id: string; speakerId: string; organizationId: string; tokenHash: string; message: string | null; nudgeAt: string | null }, at: string): Promise<void> {
    await this.db
      .insertInto('speaker_invitations')
      .values({ id: i.id, speaker_id: i.speakerId, organization_id: i.organizationId, token_hash: i.tokenHash, message: i.message, created_at: at, nudge_at: i.nudgeAt, nudged_at: null, revoked_at: null, answered_at: null, answer: null, on_behalf: 0, note: null })
      .execute();
  }

  /** Withdraws the speaker's open invitations (not answered, not revoked): their links no longer answer. */
  async revokeOpen(speakerId: string, at: string): Promise<void> {
    await this.db.updateTable('speaker_invitations').set({ revoked_at: at }).where('speaker_id', '=', speakerId).where('answered_at', 'is', null).where('revoked_at', 'is', null).execute();
  }

  /** Records an answer on the speaker's open invitations; returns how many were open (0: the link was used or revoked). */
  async answerOpen(speakerId: string, answer: SpeakerAnswer, onBehalf: boolean, note: string | null, at: string, invitationId: string | null = null): Promise<number> {
    const result = await this.db
      .updateTable('speaker_invitations')
      .set({ answered_at: at, answer, on_behalf: onBehalf ? 1 : 0, note })
      .where('speaker_id', '=', speakerId)
      .$if(invitationId !== null, (qb) => qb.where('id', '=', invitationId!))
      .where('answered_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async invitationByToken(tokenHash: string): Promise<InvitationRecord | null> {
    const row = await this.db.selectFrom('speaker_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toInvitation(row) : null;
  }

  async invitation(id: string): Promise<(InvitationRecord & { tokenHash: string }) | null> {
    const row = await this.db.selectFrom('speaker_invitations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...toInvitation(row), tokenHash: row.token_hash } : null;
  }

  /** Open invitations whose nudge is due and not yet written, the oldest first. */
  async dueNudges(now: string, limit: number): Promise<InvitationRecord[]> {
    const rows = await this.db
      .selectFrom('speaker_invitations')
      .selectAll()
      .where('nudge_at', '<=', now)
      .where('nudged_at', 'is', null)
      .where('answered_at', 'is', null)
      .where('revoked_at', 'is', null)
      .orderBy('nudge_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toInvitation);
  }

  /** The nudge written (or no longer useful): the invitation is not looked at again. */
  async markNudged(id: string, at: string): Promise<void> {
    await this.db.updateTable('speaker_invitations').set({ nudged_at: at }).where('id', '=', id).execute();
  }

  /** The plain text of the e-mail written with this dedupe key (the outbox keeps every message). */
  async mailedText(dedupeKey: string): Promise<string | null> {
    const row = await this.db.selectFrom('outbox').select('text_body').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    return row?.text_body ?? null;
  }

  /** Days until the nudge: null when turned off; undefined when the organization never set it (the default applies). */
  async nudgeAfterDays(organizationId: string): Promise<number | null | undefined> {
    const row = await this.db.selectFrom('speaker_settings').select('nudge_after_days').where('organization_id', '=', organizationId).executeTakeFirst();
    return row ? row.nudge_after_days : undefined;
  }

  async setNudgeAfterDays(organizationId: string, days: number | null, at: string): Promise<void> {
    await this.db
      .insertInto('speaker_settings')
      .values({ organization_id: organizationId, nudge_after_days: days, updated_at: at })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ nudge_after_days: days, updated_at: at }))
      .execute();
  }
}
