import type { Database } from '../db/database.ts';
import {
  createHubSpotInstallRepository,
  type HubSpotInstallRepository,
} from './hubspot-install-repository.ts';
import { createIssueRepository, type IssueRepository } from './issue-repository.ts';
import { createPostRepository, type PostRepository } from './post-repository.ts';
import { createSettingsRepository, type SettingsRepository } from './settings-repository.ts';
import { createSupportLineRepository, type SupportLineRepository } from './support-line-repository.ts';
import { createTeamRepository, type TeamRepository } from './team-repository.ts';

/** Everything the tracker keeps, one repository per concern, all on one database. */
export interface TrackerStore {
  readonly db: Database;
  readonly issues: IssueRepository;
  readonly team: TeamRepository;
  readonly posts: PostRepository;
  readonly supportLines: SupportLineRepository;
  readonly settings: SettingsRepository;
  /** The HubSpot portals the tracker is installed in, with their OAuth tokens. */
  readonly installs: HubSpotInstallRepository;
}

/** Builds the repositories on a migrated database; `now` (epoch ms) stamps every write. @default Date.now */
export function createTrackerStore(db: Database, now: () => number = Date.now): TrackerStore {
  return {
    db,
    issues: createIssueRepository(db, now),
    team: createTeamRepository(db, now),
    posts: createPostRepository(db, now),
    supportLines: createSupportLineRepository(db),
    settings: createSettingsRepository(db, now),
    installs: createHubSpotInstallRepository(db, now),
  };
}
