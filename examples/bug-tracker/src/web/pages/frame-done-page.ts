import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { frameDoneScript } from './frame-script.ts';

/** The page a saved IFRAME form lands on: says what happened and closes the modal (DONE). */
export function frameDonePage(options: {
  base: string;
  heading: string;
  message: string;
  link?: string;
}): SafeHtml {
  const body = html`<h1>${options.heading}</h1>
  <p data-outcome="done">${options.message}</p>
  ${options.link === undefined ? '' : html`<p><a href="${options.link}" target="_blank" rel="noopener">Open in Bug Tracker</a></p>`}
  ${frameDoneScript}`;
  return layout({ title: options.heading, body, base: options.base, frame: true });
}
