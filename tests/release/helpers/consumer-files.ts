// What a user writes in a project that installed the five packages: one TypeScript file importing
// every public entry point and using a few typed APIs (type-checked under two tsconfig.json files),
// and the same imports as plain JavaScript run under plain `node`.

/** Every public entry point, as a user imports it. */
export const entryPoints = [
  '@spoke/protocol',
  '@spoke/framework',
  '@spoke/framework/node',
  '@spoke/framework/fetch',
  '@spoke/framework/express',
  '@spoke/framework/fastify',
  '@spoke/framework/testing',
  '@spoke/emulator',
  '@spoke/cli',
  'create-spoke',
] as const;

/**
 * consumer.ts: typed use of the packages. The `@ts-expect-error` lines fail the compile if a type
 * degrades to `any` (an unused directive is an error), so a broken declaration cannot pass quietly.
 */
export const consumerTs = `import { createProgram, loadConfig } from '@spoke/cli';
import { bundledUiDir, createEmulator } from '@spoke/emulator';
import { action, type CrmCardHandler, createApp, property } from '@spoke/framework';
import { spokeExpress } from '@spoke/framework/express';
import { spokeFastify } from '@spoke/framework/fastify';
import { toFetchHandler } from '@spoke/framework/fetch';
import { toNodeListener } from '@spoke/framework/node';
import { createTestClient } from '@spoke/framework/testing';
import { limits, sign, verifySignature } from '@spoke/protocol';
import { createProject, templateNames } from 'create-spoke';
import express from 'express';
import Fastify from 'fastify';
import { createServer } from 'node:http';

const secret = 'consumer-secret';

const card: CrmCardHandler = ({ associatedObjectId }) => ({
  results: [
    {
      objectId: 1,
      title: \`Ticket for \${associatedObjectId}\`,
      properties: [property.status('State', 'Open', 'SUCCESS')],
      actions: [action.iframe({ uri: 'https://example.com/frame', label: 'Open', width: 400, height: 300 })],
    },
  ],
});

// @ts-expect-error a status property needs a label, a value and a tone
property.status('State');

export const app = createApp({ clientSecret: secret }).crmCard('/card', card);

const client = createTestClient(app, { clientSecret: secret });
const reply = await client.cardFetch('/card', { params: { associatedObjectId: 7 } });
const status: number = reply.status;
const title: string | undefined = reply.body.results[0]?.title;
// @ts-expect-error results is an array, not a string
const notAString: string = reply.body.results;

const emulator = await createEmulator();
const listening: { url: string; port: number } = await emulator.listen(0);
await emulator.close();
const uiDir: string | undefined = bundledUiDir();

export const servers = {
  node: createServer(toNodeListener(app)),
  fetch: toFetchHandler(app),
  express: express().use('/hubspot', spokeExpress(app)),
  fastify: Fastify().register(spokeFastify(app)),
};

const headers: Record<string, string> = sign({
  version: 'v2',
  secret,
  method: 'GET',
  url: 'https://example.com/card',
  body: '',
});
const deadline: number = limits.totalDeadlineMs;
export const used = [status, title, notAString, listening, uiDir, headers, deadline, verifySignature];
export const tooling = [createProgram, loadConfig, createProject, templateNames];
`;

/**
 * consumer.mjs: the same imports under plain node (no loader, no TypeScript), and a card fetched
 * through the test client and an emulator started and stopped, so the modules actually run.
 */
export const consumerMjs = `${entryPoints.map((name, i) => `import * as entry${i} from '${name}';`).join('\n')}
import { createApp, property } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { createEmulator } from '@spoke/emulator';

const names = ${JSON.stringify(entryPoints)};
const modules = [${entryPoints.map((_, i) => `entry${i}`).join(', ')}];
modules.forEach((module, i) => {
  if (Object.keys(module).length === 0) throw new Error(names[i] + ' exports nothing');
});

const app = createApp({ clientSecret: 's' }).crmCard('/card', () => ({
  results: [{ objectId: 1, title: 'One', properties: [property.status('State', 'Open', 'SUCCESS')] }],
}));
const reply = await createTestClient(app, { clientSecret: 's' }).cardFetch('/card');
if (reply.status !== 200 || reply.body.results[0]?.title !== 'One') {
  throw new Error('the card did not answer: ' + JSON.stringify(reply));
}
const emulator = await createEmulator();
const { url } = await emulator.listen(0);
const contacts = await (await fetch(url + '/_spoke/records/contacts')).json();
await emulator.close();
if (!Array.isArray(contacts.results) || contacts.results.length === 0) {
  throw new Error('the emulator has no contacts: ' + JSON.stringify(contacts));
}
console.log('plain node ran ' + names.length + ' entry points');
`;

const common = {
  strict: true,
  target: 'es2022',
  lib: ['es2023'],
  types: ['node'],
  skipLibCheck: false,
  noEmit: true,
};

/** The two tsconfig.json files a user typically has: Node ESM, and a bundler. */
export const consumerTsconfigs = {
  'tsconfig.nodenext.json': {
    compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' },
    files: ['consumer.ts'],
  },
  'tsconfig.bundler.json': {
    compilerOptions: { ...common, module: 'preserve', moduleResolution: 'bundler' },
    files: ['consumer.ts'],
  },
} as const;
