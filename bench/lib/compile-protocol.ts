import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, compilePackage } from './compile-framework.ts';

/**
 * Compiles @spoke/protocol's source to plain JavaScript (as `tsc` builds dist/) and imports it.
 * Running the source through tsx adds esbuild's keepNames `__name()` call to every closure
 * created per call, which a published build does not pay; the verification figures use this.
 */
export async function importCompiledProtocol(): Promise<typeof import('@spoke/protocol')> {
  const outDir = join(cacheDir, `protocol-${process.pid}-${Date.now()}`);
  try {
    await compilePackage('protocol', outDir);
    const entry = pathToFileURL(join(outDir, 'protocol', 'index.js')).href;
    return (await import(entry)) as typeof import('@spoke/protocol');
  } finally {
    // Loaded modules stay in memory; the files are no longer needed.
    await rm(outDir, { recursive: true, force: true });
  }
}
