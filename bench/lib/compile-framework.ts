import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url));
// Inside node_modules, so compiled files resolve `zod` exactly as the packages do; one folder per
// process, so two runs at once never read each other's half-written files.
export const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/spoke-bench/', import.meta.url));

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

/** Transpiles one package's `src/` into `outDir/<name>/`, pointing `@spoke/protocol` at the compiled copy. */
export async function compilePackage(name: string, outDir: string): Promise<void> {
  const sourceDir = join(packagesDir, name, 'src');
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
    const target = join(outDir, name, relative(sourceDir, file)).replace(/\.ts$/, '.js');
    const protocolIndex = relative(dirname(target), join(outDir, 'protocol', 'index.js'));
    const text = output.outputText.replaceAll(
      /from '@spoke\/protocol'/g,
      `from '${protocolIndex.startsWith('.') ? protocolIndex : `./${protocolIndex}`}'`,
    );
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  await writeFile(join(outDir, name, 'package.json'), '{ "type": "module" }\n');
}

/** A compiled copy of @spoke/framework and @spoke/protocol on disk. */
export interface CompiledFramework {
  /** Folder holding `framework/` and `protocol/` (servers/framework-modules.ts imports from it). */
  readonly dir: string;
  /** Deletes the copy (once the servers have imported it, they no longer need the files). */
  remove(): Promise<void>;
}

/**
 * Compiles @spoke/framework and @spoke/protocol to plain JavaScript, as `tsc` builds dist/. The
 * load servers run it: through tsx, esbuild's keepNames wraps every closure created per request
 * in `__name()`, a cost the published package does not have. Compiled by the bench process, so
 * the server processes start without loading TypeScript.
 */
export async function compileFramework(): Promise<CompiledFramework> {
  const dir = join(cacheDir, `framework-${process.pid}-${Date.now()}`);
  try {
    await compilePackage('protocol', dir);
    await compilePackage('framework', dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
