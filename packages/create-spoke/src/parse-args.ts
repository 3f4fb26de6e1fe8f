import { CreateSpokeError } from './errors.ts';

/** The command line, parsed. Fields the user left out are undefined. */
export interface ParsedArgs {
  readonly dir: string | undefined;
  readonly template: string | undefined;
  /** `--install` true, `--no-install` false, neither undefined. */
  readonly install: boolean | undefined;
  readonly force: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

function usageError(message: string): CreateSpokeError {
  return new CreateSpokeError('CREATE_OPTION_INVALID', `${message} Run create-spoke --help for the options.`);
}

/** Parses `create-spoke [dir] [--template <name>] [--install|--no-install] [--force] [--help] [--version]`. */
export function parseArgs(args: readonly string[]): ParsedArgs {
  let dir: string | undefined;
  let template: string | undefined;
  let install: boolean | undefined;
  let force = false;
  let help = false;
  let version = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--template' || arg === '-t') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('-')) throw usageError(`${arg} needs a template name.`);
      template = value;
      i += 1;
    } else if (arg.startsWith('--template=')) {
      template = arg.slice('--template='.length);
    } else if (arg === '--install') install = true;
    else if (arg === '--no-install') install = false;
    else if (arg === '--force' || arg === '-f') force = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' || arg === '-v') version = true;
    else if (arg.startsWith('-') && arg !== '-') throw usageError(`unknown option ${arg}.`);
    else if (dir === undefined) dir = arg;
    else
      throw usageError(
        `one project folder is expected; got ${JSON.stringify(dir)} and ${JSON.stringify(arg)}.`,
      );
  }
  return { dir, template, install, force, help, version };
}
