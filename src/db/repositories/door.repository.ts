// Door staff links and check-ins (issue 7). Filled in by the door check-in work.
import type { DialectName } from '../dialect.js';
import type { Executor } from './executor.js';

export class DoorRepository {
  constructor(
    protected readonly db: Executor,
    protected readonly dialect: DialectName,
  ) {}
}
