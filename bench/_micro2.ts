import { compileFramework } from './lib/compile-framework.ts';
import { signedCardRequest, buildCardReply, benchSecret } from './lib/card-fixture.ts';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
const compiled = await compileFramework();
const p = await import(pathToFileURL(join(compiled.dir, 'protocol', 'index.js')).href);
const signed = signedCardRequest('http://127.0.0.1:3000');
const headers: Record<string, string> = { host: '127.0.0.1:3000', connection: 'keep-alive', 'user-agent': 'x' };
for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
const u = new URL(signed.url);
const empty = new Uint8Array(0);
const cpu = () => { const c = process.cpuUsage(); return c.user + c.system; };
const reply = buildCardReply(53701, 'a@b.c');
const tasks: Record<string, () => unknown> = {
  verify: () => p.verifySignature({ secrets: [benchSecret], method: 'GET', url: signed.url, body: empty, headers, now: Date.now(), strict: false }),
  query: () => Object.fromEntries(new URLSearchParams(u.search)),
  requestParse: () => p.cardFetchRequestSchema.safeParse(Object.fromEntries(new URLSearchParams(u.search))),
  replyParse: () => p.legacyCardResponseSchema.safeParse(reply),
  stringify: () => JSON.stringify(reply),
  build: () => buildCardReply(53701, 'a@b.c'),
};
const n = 20000;
for (const f of Object.values(tasks)) for (let i = 0; i < 2000; i++) f();
for (let round = 0; round < 2; round++) {
  const out: string[] = [];
  for (const [name, f] of Object.entries(tasks)) { const t = cpu(); for (let i = 0; i < n; i++) f(); out.push(`${name} ${((cpu() - t) / n).toFixed(1)}`); }
  console.log(out.join(' | '));
}
await compiled.remove();
