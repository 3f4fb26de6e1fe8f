import type { Database, Row, SqlValue } from '../db/database.ts';
import { intColumn, textColumn } from '../db/row-values.ts';
import type { Member, Project } from '../domain/issue.ts';
import type { FeedRef } from '../domain/post.ts';

/** A project or a member, as a Share Via recipient search finds them. */
export interface TeamEntry {
  readonly feed: FeedRef;
  readonly name: string;
}

/** What {@link TeamRepository.search} looks for. */
export interface TeamSearch {
  /** Only projects or only members. @default both, projects first */
  kind?: FeedRef['kind'];
  /** Case-insensitive substring of the name. */
  name?: string;
  limit: number;
  offset: number;
}

/** Projects and members. */
export interface TeamRepository {
  /** Every project, by name. */
  projects(): Promise<Project[]>;
  /** Every member, by name. */
  members(): Promise<Member[]>;
  project(id: number): Promise<Project | null>;
  member(id: number): Promise<Member | null>;
  /** Adds a project (`key` unique, e.g. `WEB`). */
  addProject(key: string, name: string): Promise<Project>;
  /** Adds a member (`email` unique). */
  addMember(name: string, email: string): Promise<Member>;
  /** One page of projects and members matching `search`, projects first, then by name. */
  search(search: TeamSearch): Promise<{ entries: TeamEntry[]; total: number }>;
}

const toProject = (row: Row): Project => ({
  id: intColumn(row, 'id'),
  key: textColumn(row, 'key'),
  name: textColumn(row, 'name'),
});
const toMember = (row: Row): Member => ({
  id: intColumn(row, 'id'),
  name: textColumn(row, 'name'),
  email: textColumn(row, 'email'),
});

// LIKE with the wildcards of the user's text escaped, so "50%" finds "50%" only.
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Creates the team repository on `db`. */
export function createTeamRepository(db: Database, now: () => number): TeamRepository {
  const iso = () => new Date(now()).toISOString();
  return {
    projects: async () =>
      (await db.query('SELECT id, key, name FROM projects ORDER BY name, id')).map(toProject),
    members: async () =>
      (await db.query('SELECT id, name, email FROM members ORDER BY name, id')).map(toMember),
    async project(id) {
      const [row] = await db.query('SELECT id, key, name FROM projects WHERE id = ?', [id]);
      return row ? toProject(row) : null;
    },
    async member(id) {
      const [row] = await db.query('SELECT id, name, email FROM members WHERE id = ?', [id]);
      return row ? toMember(row) : null;
    },
    addProject: (key, name) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query(
          'INSERT INTO projects (key, name, created_at) VALUES (?, ?, ?) RETURNING id, key, name',
          [key, name, iso()],
        );
        if (!row) throw new Error('INSERT … RETURNING gave no row');
        return toProject(row);
      }),
    addMember: (name, email) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query(
          'INSERT INTO members (name, email, created_at) VALUES (?, ?, ?) RETURNING id, name, email',
          [name, email, iso()],
        );
        if (!row) throw new Error('INSERT … RETURNING gave no row');
        return toMember(row);
      }),
    async search(search) {
      const clauses: string[] = [];
      const args: SqlValue[] = [];
      if (search.kind !== undefined) {
        clauses.push('kind = ?');
        args.push(search.kind === 'project' ? 0 : 1);
      }
      if (search.name !== undefined && search.name !== '') {
        clauses.push("LOWER(name) LIKE ? ESCAPE '\\'");
        args.push(likePattern(search.name));
      }
      const from = `FROM (SELECT 0 AS kind, id, name FROM projects UNION ALL SELECT 1 AS kind, id, name FROM members) team${
        clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : ''
      }`;
      const rows = await db.query(
        `SELECT kind, id, name ${from} ORDER BY kind, LOWER(name), id LIMIT ? OFFSET ?`,
        [...args, search.limit, search.offset],
      );
      const [count] = await db.query(`SELECT CAST(COUNT(*) AS INTEGER) AS total ${from}`, args);
      return {
        entries: rows.map((row) => ({
          feed: { kind: intColumn(row, 'kind') === 0 ? 'project' : 'member', id: intColumn(row, 'id') },
          name: textColumn(row, 'name'),
        })),
        total: count ? intColumn(count, 'total') : 0,
      };
    },
  };
}
