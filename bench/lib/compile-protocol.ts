import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const sourceDir = fileURLToPath(new URL('../../packages/protocol/src/', import.meta.url));
// Inside node_modules, so the compiled files resolve `zod` exactly as the package does; one folder
// per process, so two runs at once never read each other's half-written files.
const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/spoke-bench/', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

/**
 * Compiles @spoke/protocol's source to plain JavaScript (as `tsc` builds dist/) and imports it.
 * Running the source through tsx adds esbuild's keepNames `__name()` call to every closure
 * created per call, which a published build does not pay; the verification figures use this.
 */
export async function importCompiledProtocol(): Promise<typeof import('@spoke/protocol')> {
  const outDir = join(cacheDir, `protocol-${process.pid}-${Date.now()}`);
  for (const file of await sourceFiles(sourceDir)) {
    const output = ts.transpileModule(await readFile(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        rewriteRelativeImportExtensions: true,
        verbatimModuleSyntax: true,
      },
    });
    const target = join(outDir, relative(sourceDir, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output.outputText);
  }
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  try {
    return (await import(pathToFileURL(join(outDir, 'index.js')).href)) as typeof import('@spoke/protocol');
  } finally {
    // Loaded modules stay in memory; the files are no longer needed.
    await rm(outDir, { recursive: true, force: true });
  }
}
