import { Command, Option } from 'commander';
import { checkKinds } from '../check/check-request.ts';
import type { CheckCommandOptions } from '../commands/check.ts';
import type { CliIo } from '../output/cli-io.ts';
import { collect } from '../output/collect-option.ts';
import { platformDefaults } from '../platform-defaults.ts';
import { hookMethods, totalDeadlineMs } from './protocol-choices.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke check`: a conformance run against a running service in any language. */
export function checkCommand(io: CliIo): Command {
  return new Command('check')
    .summary('run the conformance cases against a running service; exit 1 if any fails')
    .description(
      "Send a service the requests HubSpot sends, and the ones it must refuse. Positive cases (v2 + v3 signed requests, both action encodings, every Share Via event, absent properties, unicode) must get a schema-valid reply within the deadline; negative cases (missing signature, wrong secret, one byte changed, wrong URL, stale, future or non-numeric timestamp, v3 with '+' turned into spaces) must get 401, and malformed JSON a 4xx. Forgery cases: a GET/DELETE whose query moved into a body must get a 4xx; a zero-padded v3 timestamp, a 3-day-old request stripped to its v2 signature, and the v1 signature of an empty body must get 401; and no 401 body may show the signature the secret gives. Prints a table of cases; exits 1 if any fails.",
    )
    .argument(
      '<url>',
      'the service URL: the card target URL, action URL, Share Via base URL or channel-connection URL',
    )
    .requiredOption('--secret <secret>', "the app's client secret the service verifies with")
    .addOption(new Option('--kind <kind>', 'what the URL serves').choices(checkKinds).makeOptionMandatory())
    .addOption(
      new Option('--method <method>', 'HTTP method of the action hook (kind action)')
        .choices(hookMethods)
        .default('POST'),
    )
    .option(
      '--base-url <url>',
      "card actions must start with this (repeat; default: the URL's origin)",
      collect,
    )
    .option('--app-id <id>', 'appId the calls carry', String(platformDefaults.appId))
    .option('--portal-id <id>', 'portalId the calls carry', String(platformDefaults.portalId))
    .option('--user-id <id>', 'userId the calls carry', String(platformDefaults.userId))
    .option('--deadline <ms>', `fail replies slower than this (at most the platform's ${totalDeadlineMs})`)
    .option('--only <ids>', 'run only these case ids, comma-separated')
    .option('--json', 'print one JSON document with every case')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke check http://127.0.0.1:3500/hubspot/card --secret "$CLIENT_SECRET" --kind card
  $ spoke check http://127.0.0.1:3500/hubspot/share-via --secret "$CLIENT_SECRET" --kind share-via --json`,
    )
    .action((url: string, options: CheckCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/check.ts')).runCheckCommand(url, options, io),
      ),
    );
}
