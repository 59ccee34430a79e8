// Speakers of an organization's events and their invitations (issue 7). Filled in by the speaker pipeline work.
import type { DialectName } from '../dialect.js';
import type { Executor } from './executor.js';

export class SpeakerRepository {
  constructor(
    protected readonly db: Executor,
    protected readonly dialect: DialectName,
  ) {}
}
