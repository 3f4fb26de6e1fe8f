import { compileFramework } from './lib/compile-framework.ts';
import { signedCardRequest } from './lib/card-fixture.ts';
import { handCardReply } from './servers/hand-card-reply.ts';
import { createSpokeCardApp } from './servers/spoke-card-app.ts';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const compiled = await compileFramework();
const entry = (p: string) => pathToFileURL(join(compiled.dir, 'framework', p)).href;
const index = await import(entry('index.js'));
const { NodeCall } = await import(entry('adapters/node-call.js'));
const { coreOf } = await import(entry('app-core.js'));
const app = createSpokeCardApp(index.createApp);
const core = coreOf(app);
const signed = signedCardRequest('http://127.0.0.1:3000');
const u = new URL(signed.url);
const headers: Record<string, string> = { host: '127.0.0.1:3000', connection: 'keep-alive', 'user-agent': 'x' };
for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
const req = { method: 'GET', url: `${u.pathname}${u.search}`, headers, rawHeaders: [], socket: { encrypted: false } };
const n = Number(process.argv[2] ?? 20000);
async function spoke() { const r = await core.handle(new NodeCall(req, undefined, req.url)); if (r.status !== 200) throw new Error(JSON.stringify(r)); }
function hand() { const r = handCardReply('GET', signed.url, (name) => headers[name]); if (r.status !== 200) throw new Error(r.body); }
for (let i = 0; i < 3000; i++) { await spoke(); hand(); }
if (process.env.ONLY_SPOKE) { for (let i = 0; i < n; i++) await spoke(); }
else for (let round = 0; round < 3; round++) {
  const cpu = () => { const c = process.cpuUsage(); return c.user + c.system; };
  let t = cpu(); for (let i = 0; i < n; i++) await spoke(); const s = (cpu() - t) / n;
  t = cpu(); for (let i = 0; i < n; i++) hand(); const h = (cpu() - t) / n;
  console.log(`spoke core ${s.toFixed(1)} µs/op, hand ${h.toFixed(1)} µs/op`);
}
await compiled.remove();
