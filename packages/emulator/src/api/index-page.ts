/** What `/` shows until a UI build is served: where things are. */
export const indexPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Spoke emulator</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .25rem}</style>
</head>
<body>
<h1>Spoke emulator</h1>
<p>A local HubSpot for CRM cards, Share Via and calling channel connection. Status: <a href="/_spoke/health">/_spoke/health</a>.</p>
<p id="no-ui"><strong>The web UI (record pages, Share Via, the inspector) is not in this copy of the emulator.</strong>
Every published <code>@spoke/emulator</code> carries it: install it with <code>npm install -D @spoke/cli</code> and run
<code>npx spoke emulator</code>. In a clone of the Spoke repository, run <code>npm run build</code> (or <code>npm start</code>,
which builds it), or pass <code>--ui-dir</code> to <code>spoke emulator</code>.</p>
<h2>Developer API (HubSpot's paths, <code>?hapikey=</code>)</h2>
<ul>
<li><code>/crm/v3/extensions/cards-dev/{appId}</code> — card definitions (also <code>/cards/</code> and <code>/crm/extensions/cards-dev/2026-03/</code>)</li>
<li><code>/crm/v3/extensions/calling/{appId}/settings</code> and <code>…/settings/channel-connection</code></li>
</ul>
<h2>OAuth and the CRM API (HubSpot's paths, an installed app's access token)</h2>
<ul>
<li><code>/oauth/authorize</code> — the consent screen; <code>POST /oauth/v1/token</code> — tokens</li>
<li><code>/crm/v3/objects/{contacts|companies|deals|tickets}</code> — get, list, create, update, archive, <code>…/search</code> (<code>Authorization: Bearer</code>)</li>
</ul>
<h2>Control API</h2>
<ul>
<li><a href="/_spoke/info">/_spoke/info</a>, <a href="/_spoke/apps">/_spoke/apps</a>, <a href="/_spoke/portals">/_spoke/portals</a>, <a href="/_spoke/users">/_spoke/users</a></li>
<li><a href="/_spoke/records/contacts">/_spoke/records/{objectType}</a> — POST <code>…/{id}/cards</code> opens a record</li>
<li><a href="/_spoke/requests">/_spoke/requests</a> — the request log; <code>/_spoke/events</code> streams it</li>
<li><a href="/_spoke/faults">/_spoke/faults</a>, <a href="/_spoke/shares">/_spoke/shares</a>, <a href="/_spoke/state">/_spoke/state</a></li>
</ul>
<p>See <code>docs/emulator.md</code> for everything.</p>
</body>
</html>
`;
