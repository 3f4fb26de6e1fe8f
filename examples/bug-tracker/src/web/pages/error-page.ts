import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { frameButtonsScript } from './frame-script.ts';

/** A page that explains a failure to a person; `code` names the row in docs/errors.md. */
export function errorPage(options: {
  base: string;
  heading: string;
  message: string;
  code: string;
  frame: boolean;
}): SafeHtml {
  const body = html`<h1>${options.heading}</h1>
  <p>${options.message}</p>
  <p class="muted">Error code <code data-code="${options.code}">${options.code}</code></p>
  ${options.frame ? html`<div class="buttons"><button type="button" data-frame-message="CANCEL">Close</button></div>${frameButtonsScript}` : ''}`;
  return layout({ title: options.heading, body, base: options.base, frame: options.frame });
}
