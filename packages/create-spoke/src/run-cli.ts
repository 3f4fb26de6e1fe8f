import { relative } from 'node:path';
import { type Answers, askQuestions } from './ask-questions.ts';
import { createProject } from './create-project.ts';
import { CreateSpokeError, type ExitCode } from './errors.ts';
import { installDependencies } from './install-dependencies.ts';
import { parseArgs } from './parse-args.ts';
import { readOwnVersion } from './read-own-version.ts';
import { defaultTemplate, templateDescriptions, templateNames } from './templates.ts';

/** The world the CLI runs in; tests pass their own streams, folder and installer. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Whether stdin is a terminal: only then does create-spoke ask questions. */
  readonly interactive: boolean;
  readonly cwd: string;
  /** Runs `npm install` in the folder; default {@link installDependencies}. */
  readonly install?: ((dir: string) => Promise<void>) | undefined;
}

function helpText(): string {
  const templates = templateNames
    .map(
      (name) =>
        `  ${name.padEnd(9)}${templateDescriptions[name]}${name === defaultTemplate ? ' (default)' : ''}`,
    )
    .join('\n');
  return `Usage: create-spoke [dir] [options]
       npm create spoke@latest my-app [-- options]

Create a HubSpot app-extension service on @spoke/framework: a CRM card with an ACTION_HOOK and an
IFRAME action, Share Via, the calling channel connection, tests, and spoke.config.json for
\`spoke dev\`.

Options:
  -t, --template <name>  the server to use (default: ${defaultTemplate})
  --install              run npm install in the new folder
  --no-install           do not install (the default)
  -f, --force            write into a folder that is not empty (same-name files are replaced)
  -h, --help             show this help
  -v, --version          show the version

Templates:
${templates}

On a terminal, create-spoke asks for what the command line leaves out (the folder, the template,
whether to install). Given a folder and --install or --no-install it asks nothing (the template
defaults to ${defaultTemplate}); without a terminal it never asks, and the folder is required.

Exit codes: 0 created, 1 refused or failed, 2 usage error.
`;
}

function shellQuote(arg: string): string {
  return /^[\w./@:+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseArgs(args);
  if (parsed.help) {
    io.stdout.write(helpText());
    return 0;
  }
  if (parsed.version) {
    io.stdout.write(`${readOwnVersion()}\n`);
    return 0;
  }
  const complete =
    parsed.dir !== undefined && (parsed.template !== undefined || parsed.install !== undefined);
  let answers: Answers = {};
  if (io.interactive && !complete) {
    answers = await askQuestions(
      { input: io.stdin, output: io.stdout },
      {
        dir: parsed.dir === undefined,
        template: parsed.template === undefined,
        install: parsed.install === undefined,
      },
    );
  }
  const dir = parsed.dir ?? answers.dir;
  if (dir === undefined) {
    throw new CreateSpokeError(
      'CREATE_DIR_MISSING',
      'no project folder given (and stdin is not a terminal, so create-spoke does not ask). Run: npm create spoke@latest my-app',
    );
  }
  const created = await createProject({
    dir,
    template: parsed.template ?? answers.template ?? defaultTemplate,
    force: parsed.force,
    cwd: io.cwd,
  });
  io.stdout.write(`Created ${created.packageName} (template ${created.template}) in ${created.dir}\n`);

  const install = parsed.install ?? answers.install ?? false;
  if (install) {
    io.stdout.write('\nInstalling dependencies (npm install)…\n');
    await (io.install ?? installDependencies)(created.dir);
  }
  const where = relative(io.cwd, created.dir);
  const steps = [
    ...(where === '' ? [] : [`cd ${shellQuote(where)}`]),
    ...(install ? [] : ['npm install']),
    'npm run dev      # local HubSpot (emulator) + the service, restarts on change',
    'npm test         # the handlers, with signed requests',
    'npm run check    # conformance suite against every route',
  ];
  io.stdout.write(`\nNext steps:\n${steps.map((step) => `  ${step}\n`).join('')}\nREADME.md says more.\n`);
  return 0;
}

/** Runs create-spoke on `args` (without node and the script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof CreateSpokeError) {
      io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(
      `[create-spoke] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
