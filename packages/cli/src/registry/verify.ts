import { Command } from 'commander';
import type { VerifyCommandOptions } from '../commands/verify.ts';
import type { CliIo } from '../output/cli-io.ts';
import { collect } from '../output/collect-option.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke verify`: explain a captured request's signature. */
export function verifyCommand(io: CliIo): Command {
  return new Command('verify')
    .summary("explain a captured request's signature: what was hashed, why it fails, what to try")
    .description(
      'Check every signature a captured request carries (v3, v2 or v1) against the client secret, show the exact string hashed (secret elided), why a check fails, and which change reproduces the signature: another scheme, host, port or path (a proxy or tunnel), the query dropped or decoded, the body re-serialised, hex for base64 and back, an HMAC of the body alone, another method. Exits 1 when the request would be refused.',
    )
    .requiredOption('--secret <secret>', "the app's client secret")
    .requiredOption('--url <url>', 'the full public URL the request was sent to')
    .option('--method <method>', 'HTTP method (default: POST with a body, GET without)')
    .option('--body <body>', "the raw body: text, @file for a file's bytes, - for stdin")
    .option('--header <header>', "a received header as 'Name: value' (repeat for each)", collect)
    .option('--now <ms>', 'judge the timestamp as if received at this epoch ms (default: now)')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke verify --secret s3cret --method POST --url https://example.com/hook --body @body.json \\
      --header 'X-HubSpot-Signature-v3: rQEKkaNU…' --header 'X-HubSpot-Request-Timestamp: 1700000000000'`,
    )
    .action((options: VerifyCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/verify.ts')).runVerify(options, io),
      ),
    );
}
