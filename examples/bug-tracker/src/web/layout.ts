import { html, raw, type SafeHtml } from './html.ts';

const styles = raw(`
  :root { color-scheme: light; --ink: #213343; --muted: #516f90; --line: #cbd6e2; --accent: #ff7a59; --bg: #f5f8fa; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
  header { background: var(--ink); color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: center; }
  header a { color: #fff; text-decoration: none; }
  header strong { font-size: 16px; }
  main { max-width: 1080px; margin: 0 auto; padding: 24px; }
  body.frame main { max-width: none; padding: 16px 20px; }
  h1 { font-size: 22px; margin: 0 0 16px; }
  h2 { font-size: 16px; margin: 24px 0 8px; }
  table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
  th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: #eaf0f6; font-weight: 600; }
  a { color: #0091ae; }
  .muted { color: var(--muted); }
  .state { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
  .state-open { background: #fef8f0; color: #b36206; } .state-in_progress { background: #e5f5f8; color: #00a4bd; }
  .state-blocked { background: #fde8e9; color: #d9363e; } .state-closed { background: #e5f8f6; color: #00a38d; }
  .filters { display: flex; gap: 12px; margin-bottom: 12px; flex-wrap: wrap; }
  .card { background: #fff; border: 1px solid var(--line); padding: 16px; margin-bottom: 12px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
  dt { color: var(--muted); }
  form .field { margin-bottom: 12px; }
  form label { display: block; font-weight: 600; margin-bottom: 4px; }
  input, select, textarea { width: 100%; padding: 6px 8px; border: 1px solid var(--line); border-radius: 3px; font: inherit; }
  textarea { min-height: 90px; }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
  .error { color: #d9363e; font-size: 12px; }
  .errors { background: #fde8e9; border: 1px solid #d9363e; padding: 8px 12px; margin-bottom: 12px; }
  .buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; }
  button { padding: 8px 16px; border-radius: 3px; border: 1px solid var(--line); background: #fff; font: inherit; cursor: pointer; }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  .pager { display: flex; gap: 12px; margin-top: 12px; }
  .post img { max-width: 100%; border: 1px solid var(--line); margin-top: 8px; }
`);

/** Options of {@link layout}. */
export interface LayoutOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** The tracker's public base URL, for the navigation links. */
  readonly base: string;
  /** A page shown inside HubSpot's IFRAME modal: no navigation bar. @default false */
  readonly frame?: boolean;
}

/** The HTML document around every page. */
export function layout(options: LayoutOptions): SafeHtml {
  const nav = options.frame
    ? ''
    : html`<header>
        <strong>Bug Tracker</strong>
        <a href="${options.base}/issues">Issues</a>
        <a href="${options.base}/issues?state=closed">Closed</a>
      </header>`;
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${options.title} · Bug Tracker</title>
  <style>${styles}</style>
</head>
<body class="${options.frame ? 'frame' : 'page'}">
${nav}
<main>
${options.body}
</main>
</body>
</html>`;
}

/** A `text/html` response. */
export function htmlResponse(markup: SafeHtml, status = 200): Response {
  return new Response(markup.value, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
