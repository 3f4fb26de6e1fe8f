import type { IssueFields, IssueState, Member, Project, RecordRef } from '../domain/issue.ts';
import type { TrackerStore } from '../store/tracker-store.ts';

/** What {@link seedDemo} wrote. */
export interface SeedDemoResult {
  /** True when the team (projects, members, support lines) was written now. */
  readonly team: boolean;
  /** Issues filed now, on records that had none. */
  readonly issues: number;
}

const projects = [
  ['WEB', 'Web app'],
  ['API', 'Public API'],
  ['MOB', 'Mobile apps'],
  ['BILL', 'Billing'],
  ['INFRA', 'Infrastructure'],
  ['DOCS', 'Documentation'],
] as const;

const members = [
  ['Ada Lovelace', 'ada.lovelace@bugtracker.example'],
  ['Grace Hopper', 'grace.hopper@bugtracker.example'],
  ['Alan Turing', 'alan.turing@bugtracker.example'],
  ['Katherine Johnson', 'katherine.johnson@bugtracker.example'],
  ['Linus Torvalds', 'linus.torvalds@bugtracker.example'],
  ['Margaret Hamilton', 'margaret.hamilton@bugtracker.example'],
  ['Dennis Ritchie', 'dennis.ritchie@bugtracker.example'],
  ['Barbara Liskov', 'barbara.liskov@bugtracker.example'],
] as const;

/** Lines for the help desk; two carry an extension (listed, not selectable), one a name past 24 characters. */
const supportLines = [
  { e164: '+18005550100', extension: null, friendlyName: 'Support US' },
  { e164: '+442035550111', extension: null, friendlyName: 'Support UK' },
  { e164: '+18005550100', extension: '2', friendlyName: 'Billing desk (ext. 2)' },
  { e164: '+61255501234', extension: null, friendlyName: 'Support Australia after-hours line' },
  { e164: '+33155550188', extension: '12', friendlyName: 'Paris office' },
] as const;

interface IssueTemplate {
  readonly title: string;
  readonly description: string;
  readonly project: (typeof projects)[number][0];
  readonly state: IssueState;
  readonly revenue: number;
  readonly dueInDays: number | null;
  readonly assignee: number | null;
  readonly votes: number;
}

const templates: readonly IssueTemplate[] = [
  {
    title: 'Checkout times out for carts over 50 items',
    description: 'Payment step spins for 30 s, then fails.',
    project: 'WEB',
    state: 'open',
    revenue: 12_500,
    dueInDays: 3,
    assignee: 0,
    votes: 14,
  },
  {
    title: 'Invoice PDF shows the wrong VAT rate',
    description: 'UK invoices show 0% instead of 20%.',
    project: 'BILL',
    state: 'in_progress',
    revenue: 4_200,
    dueInDays: 7,
    assignee: 1,
    votes: 6,
  },
  {
    title: 'Webhook retries flood the endpoint',
    description: 'Retries ignore Retry-After.',
    project: 'API',
    state: 'blocked',
    revenue: 30_000,
    dueInDays: -2,
    assignee: 2,
    votes: 9,
  },
  {
    title: 'Push notifications arrive twice on Android 14',
    description: 'Only when the app is in the background.',
    project: 'MOB',
    state: 'open',
    revenue: 800,
    dueInDays: 14,
    assignee: 3,
    votes: 21,
  },
  {
    title: 'SSO login loops back to the sign-in page',
    description: 'Okta tenants with custom domains.',
    project: 'WEB',
    state: 'open',
    revenue: 48_000,
    dueInDays: 1,
    assignee: 4,
    votes: 3,
  },
  {
    title: 'Export to CSV drops non-ASCII names',
    description: 'Léa becomes L?a.',
    project: 'API',
    state: 'open',
    revenue: 1_250.5,
    dueInDays: null,
    assignee: null,
    votes: 2,
  },
  {
    title: 'Dashboard charts render blank in Safari',
    description: 'Safari 17 only.',
    project: 'WEB',
    state: 'closed',
    revenue: 0,
    dueInDays: -10,
    assignee: 5,
    votes: 4,
  },
  {
    title: 'Rate limit headers missing on 429',
    description: 'X-RateLimit-* absent on throttled calls.',
    project: 'API',
    state: 'open',
    revenue: 2_000,
    dueInDays: 21,
    assignee: 6,
    votes: 5,
  },
  {
    title: 'Password reset email lands in spam',
    description: 'SPF record lacks the new sender.',
    project: 'INFRA',
    state: 'in_progress',
    revenue: 5_500,
    dueInDays: 5,
    assignee: 7,
    votes: 11,
  },
  {
    title: 'API reference shows outdated pagination',
    description: 'Still documents offset paging.',
    project: 'DOCS',
    state: 'open',
    revenue: 0,
    dueInDays: null,
    assignee: 0,
    votes: 1,
  },
];

// The first record gets seven issues (six open: the card shows five and "See all"), the rest two or three.
function templatesFor(index: number): readonly IssueTemplate[] {
  if (index === 0) return templates.slice(0, 7);
  const start = (index * 3) % templates.length;
  return [...templates, ...templates].slice(start, start + (index % 2 === 0 ? 3 : 2));
}

function isoDay(now: number, days: number): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}

async function seedTeam(store: TrackerStore): Promise<boolean> {
  if ((await store.team.projects()).length > 0) return false;
  for (const [key, name] of projects) await store.team.addProject(key, name);
  for (const [name, email] of members) await store.team.addMember(name, email);
  if ((await store.supportLines.list()).length === 0) {
    for (const line of supportLines) await store.supportLines.add(line);
  }
  return true;
}

/**
 * Demo data for `npm start`: a team (projects, members, support lines) when the tracker has no
 * projects yet, and issues on each of `records` that has none. Safe to run at every start.
 */
export async function seedDemo(
  store: TrackerStore,
  options: { records: readonly RecordRef[]; now?: number },
): Promise<SeedDemoResult> {
  const now = options.now ?? Date.now();
  const team = await seedTeam(store);
  const projectList: readonly Project[] = await store.team.projects();
  const memberList: readonly Member[] = await store.team.members();
  let issues = 0;
  for (const [index, record] of options.records.entries()) {
    const existing = await store.issues.list({ record, state: 'all' }, { limit: 1 });
    if (existing.total > 0) continue;
    // Oldest first, so the first template ends up newest on the card.
    for (const template of [...templatesFor(index)].reverse()) {
      const project = projectList.find((p) => p.key === template.project) ?? projectList[0];
      if (project === undefined) continue;
      const assignee =
        template.assignee === null ? undefined : memberList[template.assignee % memberList.length];
      const fields: IssueFields = {
        projectId: project.id,
        title: template.title,
        description: template.description,
        state: template.state,
        revenueCents: Math.round(template.revenue * 100),
        currency: 'USD',
        dueDate: template.dueInDays === null ? null : isoDay(now, template.dueInDays),
        assigneeId: assignee?.id ?? null,
        votes: template.votes,
        reporterEmail: null,
      };
      await store.issues.create(fields, [record]);
      issues += 1;
    }
  }
  return { team, issues };
}
