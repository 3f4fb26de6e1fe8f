import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CreateSpokeError } from './errors.ts';
import { type TemplateName, templatesRoot } from './templates.ts';

/** The values `{{name}}`-style placeholders in template files are replaced with. */
export interface PlaceholderValues {
  /** The package name. */
  readonly name: string;
  /** create-spoke's version: the `@spoke/*` packages are depended on at `^version`. */
  readonly version: string;
  /** What the template serves the app with, for the README. */
  readonly adapter: string;
}

/** One file of a generated project: its path (relative, `/`-separated) and its text. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(`${dir}/${entry.name}`, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

async function readTemplateDir(root: URL, name: string): Promise<Map<string, string>> {
  const dir = fileURLToPath(new URL(`${name}/`, root));
  let files: string[];
  try {
    files = await listFiles(dir);
  } catch (error) {
    throw new CreateSpokeError(
      'CREATE_TEMPLATE_MISSING',
      `the template folder ${dir} cannot be read; this create-spoke install is incomplete. Reinstall it (npm create spoke@latest).`,
      { cause: error },
    );
  }
  const contents = new Map<string, string>();
  for (const file of files.sort()) contents.set(file, await readFile(`${dir}/${file}`, 'utf8'));
  return contents;
}

/** `_gitignore` → `.gitignore` (npm drops dot files such as .gitignore from published tarballs). */
function outputPath(path: string): string {
  return path.replace(/(^|\/)_([^/]+)$/, '$1.$2');
}

function fill(text: string, values: PlaceholderValues): string {
  return text.replace(
    /\{\{(name|version|adapter)\}\}/g,
    (_match, key: keyof PlaceholderValues) => values[key],
  );
}

function sortKeys(record: Record<string, string> | undefined): Record<string, string> | undefined {
  if (record === undefined) return undefined;
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The base package.json with the template's dependencies added. */
function mergeManifests(base: string, overlay: string | undefined): string {
  const manifest = JSON.parse(base) as Manifest;
  if (overlay !== undefined) {
    const extra = JSON.parse(overlay) as Manifest;
    manifest.dependencies = { ...manifest.dependencies, ...extra.dependencies };
    manifest.devDependencies = { ...manifest.devDependencies, ...extra.devDependencies };
  }
  const dependencies = sortKeys(manifest.dependencies);
  const devDependencies = sortKeys(manifest.devDependencies);
  if (dependencies !== undefined) manifest.dependencies = dependencies;
  if (devDependencies !== undefined) manifest.devDependencies = devDependencies;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The files of a project made from `templates/base` and `templates/<template>`: a file in the
 * template folder replaces the base file of the same path, except package.json, whose
 * dependencies are added to the base one. Placeholders are filled in every file. `root` is the
 * folder holding the templates (the package's own `templates/`).
 */
export async function renderTemplate(
  template: TemplateName,
  values: PlaceholderValues,
  root: URL = templatesRoot,
): Promise<RenderedFile[]> {
  const base = await readTemplateDir(root, 'base');
  const own = await readTemplateDir(root, template);
  const merged = new Map(base);
  for (const [path, content] of own) {
    if (path !== 'package.json') merged.set(path, content);
  }
  const basePackage = base.get('package.json');
  if (basePackage === undefined) {
    throw new CreateSpokeError(
      'CREATE_TEMPLATE_MISSING',
      'templates/base/package.json is missing; this create-spoke install is incomplete. Reinstall it (npm create spoke@latest).',
    );
  }
  merged.set('package.json', mergeManifests(basePackage, own.get('package.json')));
  return [...merged]
    .map(([path, content]) => ({ path: outputPath(path), content: fill(content, values) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
