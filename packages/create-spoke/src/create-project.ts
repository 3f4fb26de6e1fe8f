import { statSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CreateSpokeError } from './errors.ts';
import { readOwnVersion } from './read-own-version.ts';
import { renderTemplate } from './render-template.ts';
import { isTemplateName, type TemplateName, templateDescriptions, templateNames } from './templates.ts';
import { toPackageName } from './to-package-name.ts';

/** What to create. */
export interface CreateProjectOptions {
  /** The project folder, absolute or relative to `cwd`. */
  readonly dir: string;
  /** One of `templateNames`; default `node`. */
  readonly template?: string | undefined;
  /** Write into a folder that is not empty (files of the same name are replaced). */
  readonly force?: boolean | undefined;
  /** What a relative `dir` is relative to; default `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** The `@spoke/*` version to depend on (`^version`); default create-spoke's own. */
  readonly version?: string | undefined;
}

/** What was created. */
export interface CreatedProject {
  /** The absolute project folder. */
  readonly dir: string;
  readonly template: TemplateName;
  /** The package name written to package.json (from the folder name). */
  readonly packageName: string;
  /** Every file written, relative to `dir`, `/`-separated, sorted. */
  readonly files: readonly string[];
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

async function entriesOf(dir: string): Promise<string[] | null> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw new CreateSpokeError(
        'CREATE_TARGET_NOT_DIRECTORY',
        `${dir} exists and is not a folder. Pick another project folder.`,
      );
    }
    return await readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    if (errorCode(error) === 'ENOTDIR') throw unwritable(dir, error);
    throw error;
  }
}

/** The nearest existing ancestor of `dir` that is a file, which is why folders cannot be made there. */
function blockingFile(dir: string): string | undefined {
  for (let path = dir; dirname(path) !== path; path = dirname(path)) {
    try {
      if (!statSync(path).isDirectory()) return path;
      return undefined;
    } catch {
      // missing or not reachable: look further up
    }
  }
  return undefined;
}

function unwritable(dir: string, cause: unknown): CreateSpokeError {
  const file = blockingFile(dir);
  const reason =
    file === undefined
      ? cause instanceof Error
        ? cause.message
        : String(cause)
      : `${file} is a file, not a folder`;
  return new CreateSpokeError(
    'CREATE_TARGET_UNWRITABLE',
    `cannot write the project to ${dir}: ${reason}. Nothing was written; pick a folder you can write to.`,
    { cause },
  );
}

/** Moves every entry of `from` into `to`, replacing files of the same name (for --force). */
async function moveInto(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    const existing = await lstat(target).catch(() => null);
    if (entry.isDirectory() && existing?.isDirectory()) {
      await moveInto(source, target);
      continue;
    }
    if (existing !== null) await rm(target, { recursive: true, force: true });
    await rename(source, target);
  }
}

/**
 * Creates a Spoke service project. Every file is written into a temporary sibling folder first
 * and then renamed into place, so a failure leaves nothing half-written. Refuses a folder that is
 * not empty unless `force`; throws {@link CreateSpokeError} with the reason and the next step.
 */
export async function createProject(options: CreateProjectOptions): Promise<CreatedProject> {
  const template = options.template ?? 'node';
  if (!isTemplateName(template)) {
    throw new CreateSpokeError(
      'CREATE_TEMPLATE_UNKNOWN',
      `there is no template ${JSON.stringify(template)}. Pick one of: ${templateNames.join(', ')}.`,
    );
  }
  if (options.dir.trim() === '') {
    throw new CreateSpokeError(
      'CREATE_DIR_MISSING',
      'the project folder is empty. Give a folder name, e.g. my-app.',
    );
  }
  const dir = resolve(options.cwd ?? process.cwd(), options.dir);
  const packageName = toPackageName(basename(dir));
  const files = await renderTemplate(template, {
    name: packageName,
    version: options.version ?? readOwnVersion(),
    adapter: templateDescriptions[template],
  });

  const existing = await entriesOf(dir);
  if (existing !== null && existing.length > 0 && options.force !== true) {
    throw new CreateSpokeError(
      'CREATE_TARGET_NOT_EMPTY',
      `${dir} is not empty. Pick a new folder, or pass --force to write into it (files of the same name are replaced).`,
    );
  }

  const parent = dirname(dir);
  let createdParent: string | undefined;
  let temp: string | undefined;
  try {
    createdParent = await mkdir(parent, { recursive: true });
    temp = await mkdtemp(join(parent, `.${basename(dir)}.create-spoke-`));
    for (const file of files) {
      const path = join(temp, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
  } catch (error) {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
    if (createdParent !== undefined) await rm(createdParent, { recursive: true, force: true });
    throw unwritable(dir, error);
  }

  try {
    if (existing === null) await rename(temp, dir);
    else await moveInto(temp, dir);
  } catch (error) {
    if (existing === null && createdParent !== undefined) {
      await rm(createdParent, { recursive: true, force: true });
    }
    if (['EEXIST', 'ENOTEMPTY'].includes(errorCode(error) ?? '')) {
      throw new CreateSpokeError(
        'CREATE_TARGET_NOT_EMPTY',
        `${dir} was created by something else while the project was being written. Nothing was written; run again with a new folder.`,
        { cause: error },
      );
    }
    throw unwritable(dir, error);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return { dir, template, packageName, files: files.map((file) => file.path) };
}
