import type { Database, Queryable, Row, SqlValue } from '../db/database.ts';
import { intColumn, optionalIntColumn, optionalTextColumn, textColumn } from '../db/row-values.ts';
import { type Issue, type IssueFields, isIssueState, type RecordRef } from '../domain/issue.ts';

/** Which issues a list shows. */
export interface IssueFilter {
  /** `active` = every state but closed. @default 'active' */
  state?: 'active' | 'all' | Issue['state'];
  /** Only issues attached to this record. */
  record?: RecordRef;
  /** Only issues attached to some record of this portal. */
  portalId?: number;
  /** Only issues of this project. */
  projectId?: number;
  /** Only issues assigned to this member. */
  assigneeId?: number;
}

/** One page of issues and how many match in all. */
export interface IssuePage {
  readonly issues: readonly Issue[];
  readonly total: number;
}

/** What closing an issue found. */
export type CloseOutcome =
  | { readonly type: 'closed'; readonly issue: Issue }
  | { readonly type: 'already-closed'; readonly issue: Issue }
  | { readonly type: 'not-found' };

/** Issues and the CRM records they are attached to. Every write is one transaction. */
export interface IssueRepository {
  /** Newest first. */
  list(filter: IssueFilter, page: { limit: number; offset?: number }): Promise<IssuePage>;
  /** The issue, or null; with `portalId`, null unless the issue is attached to a record of that portal. */
  get(id: number, portalId?: number): Promise<Issue | null>;
  /** The records an issue is attached to. */
  links(id: number): Promise<RecordRef[]>;
  /** Every record of `objectType` (`CONTACT`…) in the portal that has issues attached, any state. */
  recordsWithIssues(portalId: number, objectType: string): Promise<RecordRef[]>;
  /** Files an issue attached to `links`. */
  create(fields: IssueFields, links: readonly RecordRef[]): Promise<Issue>;
  /** Replaces an issue's fields; null when it does not exist (for that portal, with `portalId`). */
  update(id: number, fields: IssueFields, portalId?: number): Promise<Issue | null>;
  /** Closes an issue of the portal. */
  close(id: number, portalId: number): Promise<CloseOutcome>;
  /** Deletes an issue of the portal with its links; answers what was deleted, or null when there was none. */
  delete(id: number, portalId: number): Promise<Issue | null>;
}

const selectIssue = `SELECT i.*, p.key AS project_key, p.name AS project_name,
  m.name AS assignee_name, m.email AS assignee_email
  FROM issues i JOIN projects p ON p.id = i.project_id LEFT JOIN members m ON m.id = i.assignee_id`;

const linkedToPortal = 'EXISTS (SELECT 1 FROM issue_links l WHERE l.issue_id = i.id AND l.portal_id = ?)';

function toIssue(row: Row): Issue {
  const state = textColumn(row, 'state');
  const assigneeId = optionalIntColumn(row, 'assignee_id');
  return {
    id: intColumn(row, 'id'),
    project: {
      id: intColumn(row, 'project_id'),
      key: textColumn(row, 'project_key'),
      name: textColumn(row, 'project_name'),
    },
    title: textColumn(row, 'title'),
    description: textColumn(row, 'description'),
    state: isIssueState(state) ? state : 'open',
    revenueCents: intColumn(row, 'revenue_cents'),
    currency: textColumn(row, 'currency'),
    dueDate: optionalTextColumn(row, 'due_date'),
    assignee:
      assigneeId === null
        ? null
        : {
            id: assigneeId,
            name: textColumn(row, 'assignee_name'),
            email: textColumn(row, 'assignee_email'),
          },
    votes: intColumn(row, 'votes'),
    reporterEmail: optionalTextColumn(row, 'reporter_email'),
    createdAt: textColumn(row, 'created_at'),
    updatedAt: textColumn(row, 'updated_at'),
    closedAt: optionalTextColumn(row, 'closed_at'),
  };
}

function where(filter: IssueFilter): { sql: string; args: SqlValue[] } {
  const clauses: string[] = [];
  const args: SqlValue[] = [];
  const state = filter.state ?? 'active';
  if (state === 'active') clauses.push("i.state <> 'closed'");
  else if (state !== 'all') {
    clauses.push('i.state = ?');
    args.push(state);
  }
  if (filter.record) {
    clauses.push(
      'EXISTS (SELECT 1 FROM issue_links l WHERE l.issue_id = i.id AND l.portal_id = ? AND l.object_type = ? AND l.object_id = ?)',
    );
    args.push(filter.record.portalId, filter.record.objectType, filter.record.objectId);
  }
  if (filter.portalId !== undefined) {
    clauses.push(linkedToPortal);
    args.push(filter.portalId);
  }
  if (filter.projectId !== undefined) {
    clauses.push('i.project_id = ?');
    args.push(filter.projectId);
  }
  if (filter.assigneeId !== undefined) {
    clauses.push('i.assignee_id = ?');
    args.push(filter.assigneeId);
  }
  return { sql: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', args };
}

async function getIn(q: Queryable, id: number, portalId: number | undefined): Promise<Issue | null> {
  const guard = portalId === undefined ? '' : ` AND ${linkedToPortal}`;
  const args: SqlValue[] = portalId === undefined ? [id] : [id, portalId];
  const [row] = await q.query(`${selectIssue} WHERE i.id = ?${guard}`, args);
  return row ? toIssue(row) : null;
}

function fieldValues(fields: IssueFields): SqlValue[] {
  return [
    fields.projectId,
    fields.title,
    fields.description,
    fields.state,
    fields.revenueCents,
    fields.currency,
    fields.dueDate,
    fields.assigneeId,
    fields.votes,
    fields.reporterEmail,
  ];
}

/** Creates the issue repository on `db`; `now` stamps created/updated/closed times. */
export function createIssueRepository(db: Database, now: () => number): IssueRepository {
  const iso = () => new Date(now()).toISOString();
  return {
    async list(filter, page) {
      const { sql, args } = where(filter);
      const rows = await db.query(
        `${selectIssue}${sql} ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`,
        [...args, page.limit, page.offset ?? 0],
      );
      const [count] = await db.query(`SELECT CAST(COUNT(*) AS INTEGER) AS total FROM issues i${sql}`, args);
      return { issues: rows.map(toIssue), total: count ? intColumn(count, 'total') : 0 };
    },
    get: (id, portalId) => getIn(db, id, portalId),
    async links(id) {
      const rows = await db.query(
        'SELECT portal_id, object_type, object_id FROM issue_links WHERE issue_id = ? ORDER BY portal_id, object_type, object_id',
        [id],
      );
      return rows.map((row) => ({
        portalId: intColumn(row, 'portal_id'),
        objectType: textColumn(row, 'object_type'),
        objectId: textColumn(row, 'object_id'),
      }));
    },
    async recordsWithIssues(portalId, objectType) {
      const rows = await db.query(
        'SELECT DISTINCT object_id FROM issue_links WHERE portal_id = ? AND object_type = ? ORDER BY object_id',
        [portalId, objectType],
      );
      return rows.map((row) => ({ portalId, objectType, objectId: textColumn(row, 'object_id') }));
    },
    create: (fields, links) =>
      db.transaction(async (tx) => {
        const at = iso();
        const closedAt = fields.state === 'closed' ? at : null;
        const [inserted] = await tx.query(
          `INSERT INTO issues (project_id, title, description, state, revenue_cents, currency, due_date, assignee_id,
            votes, reporter_email, created_at, updated_at, closed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [...fieldValues(fields), at, at, closedAt],
        );
        if (!inserted) throw new Error('INSERT … RETURNING gave no row');
        const id = intColumn(inserted, 'id');
        for (const link of links) {
          await tx.query(
            'INSERT INTO issue_links (issue_id, portal_id, object_type, object_id) VALUES (?, ?, ?, ?)',
            [id, link.portalId, link.objectType, link.objectId],
          );
        }
        const issue = await getIn(tx, id, undefined);
        if (!issue) throw new Error(`issue ${id} vanished inside its own transaction`);
        return issue;
      }),
    update: (id, fields, portalId) =>
      db.transaction(async (tx) => {
        const current = await getIn(tx, id, portalId);
        if (!current) return null;
        const at = iso();
        const closedAt = fields.state === 'closed' ? (current.closedAt ?? at) : null;
        await tx.query(
          `UPDATE issues SET project_id = ?, title = ?, description = ?, state = ?, revenue_cents = ?, currency = ?,
            due_date = ?, assignee_id = ?, votes = ?, reporter_email = ?, updated_at = ?, closed_at = ? WHERE id = ?`,
          [...fieldValues(fields), at, closedAt, id],
        );
        return getIn(tx, id, undefined);
      }),
    close: (id, portalId) =>
      db.transaction(async (tx): Promise<CloseOutcome> => {
        const current = await getIn(tx, id, portalId);
        if (!current) return { type: 'not-found' };
        if (current.state === 'closed') return { type: 'already-closed', issue: current };
        const at = iso();
        await tx.query("UPDATE issues SET state = 'closed', closed_at = ?, updated_at = ? WHERE id = ?", [
          at,
          at,
          id,
        ]);
        const issue = await getIn(tx, id, undefined);
        return issue ? { type: 'closed', issue } : { type: 'not-found' };
      }),
    delete: (id, portalId) =>
      db.transaction(async (tx) => {
        const current = await getIn(tx, id, portalId);
        if (!current) return null;
        await tx.query('DELETE FROM issue_links WHERE issue_id = ?', [id]);
        await tx.query('DELETE FROM issues WHERE id = ?', [id]);
        return current;
      }),
  };
}
