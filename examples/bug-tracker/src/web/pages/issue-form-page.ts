import { issueStateLabels, issueStates, type Member, type Project } from '../../domain/issue.ts';
import { supportedCurrencies } from '../../domain/portal-settings.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import type { IssueFormErrors, IssueFormField } from '../parse-issue-form.ts';
import { frameButtonsScript } from './frame-script.ts';

/** What the New / Edit issue form shows. */
export interface IssueFormPage {
  readonly base: string;
  readonly heading: string;
  /** Absolute URL the form posts to. */
  readonly action: string;
  /** Hidden inputs: the signed link's fields and its token. */
  readonly hidden: Readonly<Record<string, string>>;
  readonly values: Readonly<Partial<Record<IssueFormField, string>>>;
  readonly errors: IssueFormErrors;
  readonly projects: readonly Project[];
  readonly members: readonly Member[];
  readonly submitLabel: string;
  /** A line under the heading, e.g. which record the issue is filed on. */
  readonly note?: string;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function field(name: IssueFormField, label: string, control: SafeHtml, errors: IssueFormErrors): SafeHtml {
  const error = errors[name];
  return html`<div class="field">
    <label for="${name}">${label}</label>
    ${control}
    ${error === undefined ? '' : html`<div class="error" id="${name}-error">${error}</div>`}
  </div>`;
}

/** The issue form shown in HubSpot's IFRAME modal; a plain form that works without JavaScript. */
export function issueFormPage(page: IssueFormPage): SafeHtml {
  const v = page.values;
  const e = page.errors;
  const count = Object.keys(e).length;
  const body = html`<h1>${page.heading}</h1>
  ${page.note === undefined ? '' : html`<p class="muted">${page.note}</p>`}
  ${count === 0 ? '' : html`<div class="errors" role="alert">Please fix ${count} field${count === 1 ? '' : 's'} below.</div>`}
  <form method="post" action="${page.action}">
    ${Object.entries(page.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    ${field('title', 'Title', html`<input id="title" name="title" required maxlength="200" value="${v.title ?? ''}">`, e)}
    ${field(
      'description',
      'Description',
      html`<textarea id="description" name="description">${v.description ?? ''}</textarea>`,
      e,
    )}
    <div class="row">
      ${field(
        'projectId',
        'Project',
        html`<select id="projectId" name="projectId">${page.projects.map((p) => option(String(p.id), p.name, v.projectId))}</select>`,
        e,
      )}
      ${field(
        'state',
        'State',
        html`<select id="state" name="state">${issueStates.map((s) => option(s, issueStateLabels[s], v.state))}</select>`,
        e,
      )}
    </div>
    <div class="row">
      ${field('revenue', 'Revenue at risk', html`<input id="revenue" name="revenue" inputmode="decimal" value="${v.revenue ?? ''}">`, e)}
      ${field(
        'currency',
        'Currency',
        html`<select id="currency" name="currency">${supportedCurrencies.map((c) => option(c, c, v.currency))}</select>`,
        e,
      )}
    </div>
    <div class="row">
      ${field('dueDate', 'Due', html`<input id="dueDate" name="dueDate" type="date" value="${v.dueDate ?? ''}">`, e)}
      ${field(
        'assigneeId',
        'Assignee',
        html`<select id="assigneeId" name="assigneeId">${option('', 'Nobody', v.assigneeId)}${page.members.map(
          (m) => option(String(m.id), `${m.name} <${m.email}>`, v.assigneeId),
        )}</select>`,
        e,
      )}
    </div>
    <div class="row">
      ${field('votes', 'Votes', html`<input id="votes" name="votes" type="number" min="0" value="${v.votes ?? '0'}">`, e)}
      ${field(
        'reporterEmail',
        'Reporter email',
        html`<input id="reporterEmail" name="reporterEmail" type="email" value="${v.reporterEmail ?? ''}">`,
        e,
      )}
    </div>
    <div class="buttons">
      <button type="button" data-frame-message="CANCEL">Cancel</button>
      <button type="submit" class="primary">${page.submitLabel}</button>
    </div>
  </form>
  ${frameButtonsScript}`;
  return layout({ title: page.heading, body, base: page.base, frame: true });
}
