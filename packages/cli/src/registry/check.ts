import { Command, Option } from 'commander';
import { checkKinds, checkModes } from '../check/check-request.ts';
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
      "Send a service the requests HubSpot sends, and the ones it must refuse. Positive cases (v2 + v3 signed requests, both action encodings, every Share Via event, absent properties, unicode) must get a schema-valid reply within the deadline; negative cases (missing signature, wrong secret, one byte changed, wrong URL, stale, future or non-numeric timestamp, v3 with '+' turned into spaces) must be refused, and malformed JSON too. Forgery cases: a GET/DELETE whose query moved into a body, a zero-padded v3 timestamp, a 3-day-old request stripped to its v2 signature, and the v1 signature of an empty body must be refused; and no reply may show the signature the secret gives. As at HubSpot, any status outside 200-299 refuses a request: 401 is usual, another status passes with a note. A service that verifies only the v2 signature passes with a warning (v2 has no replay protection). Prints a table of cases and ends with a diagnosis, one line per cause with its fix; exits 1 if any case fails.",
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
      "card actions must start with this, as the card's actions.baseUrls (repeat; default: the origin HubSpot calls, i.e. the URL's or --public-url's origin)",
      collect,
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'request shapes of the card and action cases: legacy cards, the converter, or both',
      )
        .choices(checkModes)
        .default('both'),
    )
    .option(
      '--permitted-url <url>',
      "an entry of the app's permittedUrls.fetch (repeat): the diagnosis says whether production's hubspot.fetch would call the converter's requests (HTTPS, not localhost, listed)",
      collect,
    )
    .option(
      '--public-url <url>',
      'the public base URL HubSpot calls (a proxy or tunnel in front of <url>): sign for it, deliver to <url>',
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
  $ spoke check http://127.0.0.1:3500/hubspot/share-via --secret "$CLIENT_SECRET" --kind share-via --json
  $ spoke check http://127.0.0.1:3500/card --public-url https://app.example.com --secret "$CLIENT_SECRET" --kind card`,
    )
    .action((url: string, options: CheckCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/check.ts')).runCheckCommand(url, options, io),
      ),
    );
}
