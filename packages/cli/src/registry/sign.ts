import { Command, Option } from 'commander';
import type { SignCommandOptions } from '../commands/sign.ts';
import type { CliIo } from '../output/cli-io.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke sign`: print the signature headers (or a curl command) for one request. */
export function signCommand(io: CliIo): Command {
  return new Command('sign')
    .summary('sign a request as HubSpot would and print its headers or a curl command')
    .description(
      "Sign one request with the app's client secret exactly as the platform does (v2 and v3 by default, a fresh timestamp) and print the X-HubSpot-* headers, a ready curl command (--curl) or JSON (--json).",
    )
    .requiredOption('--secret <secret>', "the app's client secret")
    .requiredOption('--url <url>', 'the full public URL the request goes to, query included')
    .option('--method <method>', 'HTTP method (default: POST with a body, GET without)')
    .option('--body <body>', "the raw body: text, @file for a file's bytes, - for stdin")
    .option('--timestamp <ms>', 'epoch milliseconds for v3 (default: now)')
    .addOption(
      new Option('--version <version>', 'which signature to produce')
        .choices(['v1', 'v2', 'v3', 'all'])
        .default('all'),
    )
    .addOption(
      new Option(
        '--v3-url <form>',
        "the URL v3 is computed over: decoded (HubSpot's docs; legacy CRM cards) or raw (hubspot.fetch, HubSpot's SDK and local-dev proxy; the card converter)",
      )
        .choices(['decoded', 'raw'])
        .default('decoded'),
    )
    .option('--curl', 'print a curl command that sends the signed request')
    .option('--json', 'print one JSON document: headers and the exact strings hashed (secret elided)')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke sign --secret s3cret --method POST --url https://example.com/hook --body '{"a":1}'
  $ spoke sign --secret s3cret --url 'https://example.com/card?portalId=1' --curl
  $ spoke sign --secret s3cret --url 'https://example.com/card?userEmail=a%40b.com&appId=1' --v3-url raw`,
    )
    .action((options: SignCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/sign.ts')).runSign(options, io),
      ),
    );
}
