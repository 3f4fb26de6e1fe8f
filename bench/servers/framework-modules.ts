import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @spoke/framework's entry points, as the load servers use them. */
export interface FrameworkModules {
  index: typeof import('@spoke/framework');
  node: typeof import('@spoke/framework/node');
  express: typeof import('@spoke/framework/express');
  fastify: typeof import('@spoke/framework/fastify');
}

/** Set by the bench process (`withServers`) to the folder of its compiled @spoke/framework. */
export const compiledFrameworkEnv = 'SPOKE_BENCH_FRAMEWORK_DIR';

async function importCompiled(dir: string): Promise<FrameworkModules> {
  const entry = (path: string) => pathToFileURL(join(dir, 'framework', path)).href;
  return {
    index: (await import(entry('index.js'))) as FrameworkModules['index'],
    node: (await import(entry('adapters/node-http.js'))) as FrameworkModules['node'],
    express: (await import(entry('adapters/express.js'))) as FrameworkModules['express'],
    fastify: (await import(entry('adapters/fastify.js'))) as FrameworkModules['fastify'],
  };
}

/**
 * The @spoke/framework a load server runs: the compiled copy the bench process made
 * (`bench/lib/compile-framework.ts`, as published), or the TypeScript source through tsx when
 * there is none (`SPOKE_BENCH_SOURCE=1`, or a server started by hand).
 */
export async function frameworkModules(): Promise<FrameworkModules> {
  const dir = process.env[compiledFrameworkEnv];
  if (dir !== undefined && dir !== '') return importCompiled(dir);
  return {
    index: await import('@spoke/framework'),
    node: await import('@spoke/framework/node'),
    express: await import('@spoke/framework/express'),
    fastify: await import('@spoke/framework/fastify'),
  };
}
