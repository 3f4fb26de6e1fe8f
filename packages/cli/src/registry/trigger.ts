import { Command, Option } from 'commander';
import type { CliIo } from '../output/cli-io.ts';
import { collect } from '../output/collect-option.ts';
import { platformDefaults } from '../platform-defaults.ts';
import type { TriggerActionOptions } from '../trigger/trigger-action.ts';
import type { TriggerCardOptions } from '../trigger/trigger-card.ts';
import type { TriggerChannelConnectionOptions } from '../trigger/trigger-channel-connection.ts';
import type { TriggerShareViaOptions } from '../trigger/trigger-share-via.ts';
import { hookMethods, platformModes } from './protocol-choices.ts';
import { runLazily } from './run-lazily.ts';

function common(command: Command): Command {
  return command
    .option('--secret <secret>', "the app's client secret (required without --emulator)")
    .option(
      '--emulator <url>',
      'go through a running emulator (e.g. http://127.0.0.1:3400) so the exchange shows in its inspector',
    )
    .option(
      '--token <token>',
      "the emulator's access token, printed by `spoke emulator` when it listens beyond loopback (default: SPOKE_EMULATOR_TOKEN)",
    )
    .option('--app-id <id>', `appId of the call, or the emulator app (default ${platformDefaults.appId})`)
    .option('--portal-id <id>', `portalId of the call (default ${platformDefaults.portalId})`)
    .option('--user-id <id>', `userId of the call (default ${platformDefaults.userId})`)
    .option('--user-email <email>', `userEmail of the call (default ${platformDefaults.userEmail})`)
    .option(
      '--public-url <url>',
      "the public base URL HubSpot calls (your tunnel, e.g. https://abc.ngrok.app): sign for it, deliver to the target (with --emulator: the app's setting, for this call)",
    )
    .option('--json', 'print one JSON document: the exchange, its verdicts and what the platform shows');
}

const modeOption = () =>
  new Option('--mode <mode>', 'legacy CRM cards or the Legacy CRM Card Converter (default legacy)').choices(
    platformModes,
  );

/** `spoke trigger`: send one platform call exactly as HubSpot would. */
export function triggerCommand(io: CliIo): Command {
  const trigger = new Command('trigger')
    .summary(
      'send one signed platform call (card fetch, action, Share Via, channel connection) and judge the reply',
    )
    .description(
      'Send one request exactly as the platform would (fresh timestamp, v2 + v3 signatures) and print what the platform shows plus every verdict: status, time against the 3 s connect / 5 s total deadlines, schema errors, action URIs outside baseUrls. Works without an emulator; with --emulator the call goes through it and shows in its inspector. Exits 1 when the platform would show a failure.',
    );

  trigger.addCommand(
    common(
      new Command('card')
        .summary('fetch a CRM card and render the reply as text')
        .description(
          'Send one signed data fetch to --url as the platform would for a record (the five default parameters plus each --param), then draw the reply as the record page shows it and list the verdicts: status, time against 3 s / 5 s, schema errors, action URIs outside --base-url. With --emulator, open the record there instead (its cards come from the pushed config).',
        ),
    )
      .option(
        '--url <targetUrl>',
        "the card's fetch target URL (with --emulator: show only cards fetched from it)",
      )
      .option(
        '--record <type:id>',
        'the record, e.g. contacts:51 (default contacts:51; with --emulator its first contact)',
      )
      .option('--param <name=value>', 'a record property sent as a query parameter (repeat)', collect)
      .addOption(modeOption())
      .option(
        '--permitted-url <url>',
        "an entry of the app's permittedUrls.fetch (repeat; without --emulator, whose app has its own): in converter mode, say when production's hubspot.fetch would refuse the call",
        collect,
      )
      .option(
        '--base-url <url>',
        "allowed action URL prefix (repeat; default: the target URL's origin)",
        collect,
      )
      .option('--title <title>', 'card title to render', 'Card')
      .addHelpText(
        'after',
        '\nExamples:\n  $ spoke trigger card --url http://127.0.0.1:3500/hubspot/card --secret s3cret --param email=ada@example.com\n  $ spoke trigger card --emulator http://127.0.0.1:3400 --record contacts:101',
      )
      .action((options: TriggerCardOptions) =>
        runLazily(io, options.json === true, async () =>
          (await import('../trigger/trigger-card.ts')).triggerCard(options, io),
        ),
      ),
  );

  trigger.addCommand(
    common(
      new Command('action')
        .summary('run an ACTION_HOOK and show the alert the user sees')
        .description(
          'Call an action hook as the platform would: signed, with the five default parameters and each --prop, in the legacy encoding (query for GET/DELETE, form body otherwise) or the converter one (query + JSON body, appId). Prints the exchange, its verdicts and the alert the user sees.',
        ),
    )
      .requiredOption('--url <url>', "the action's URI")
      .addOption(
        new Option('--method <method>', 'httpMethod of the action').choices(hookMethods).default('GET'),
      )
      .option('--prop <name=value>', 'an associatedObjectProperties value (repeat)', collect)
      .option('--record <type:id>', 'the record, e.g. contacts:51')
      .addOption(modeOption())
      .option(
        '--permitted-url <url>',
        "an entry of the app's permittedUrls.fetch (repeat; without --emulator, whose app has its own): in converter mode, say when production's hubspot.fetch would refuse the call",
        collect,
      )
      .option('--label <label>', 'the action label (the converter shows "<label> succeeded.")', 'Action')
      .addHelpText(
        'after',
        '\nExamples:\n  $ spoke trigger action --url http://127.0.0.1:3500/hubspot/close --method POST --prop status=closed --secret s3cret',
      )
      .action((options: TriggerActionOptions) =>
        runLazily(io, options.json === true, async () =>
          (await import('../trigger/trigger-action.ts')).triggerAction(options, io),
        ),
      ),
  );

  trigger.addCommand(
    common(
      new Command('share-via')
        .summary('send one Share Via event, or play the whole flow')
        .description(
          "POST one signed Share Via event to {base}/feature/SHARE_VIA/event/{EVENT} (payload from --payload, or docs/protocol.md's example), or play the flow a sender goes through: CHECK_PERMISSIONS, FETCH_RECIPIENTS, FETCH_RECIPIENT, SHARE_OBJECT. Each reply is checked against its schema and must echo portalId and appId.",
        ),
    )
      .argument('<event>', 'CHECK_PERMISSIONS, FETCH_RECIPIENTS, FETCH_RECIPIENT, SHARE_OBJECT, or flow')
      .option('--base <url>', "the app's Share Via target base URL (with --emulator: set it first)")
      .option('--payload <json>', "the event's payload as JSON (default: docs/protocol.md's example)")
      .option('--message <text>', 'flow: the message the sender types')
      .option('--recipient-id <id>', 'flow: the recipient to pick (default: the first listed)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ spoke trigger share-via CHECK_PERMISSIONS --base http://127.0.0.1:3500/share --secret s3cret\n  $ spoke trigger share-via flow --emulator http://127.0.0.1:3400 --message "Weekly numbers"',
      )
      .action((event: string, options: TriggerShareViaOptions) =>
        runLazily(io, options.json === true, async () =>
          (await import('../trigger/trigger-share-via.ts')).triggerShareVia(event, options, io),
        ),
      ),
  );

  trigger.addCommand(
    common(
      new Command('channel-connection')
        .summary('ask a calling app for its help-desk numbers')
        .description(
          "POST the signed {appId, portalId, userId} a help desk sends to a calling app's channel-connection URL, check the reply, and list the numbers as the provider picker shows them (names cut to 24 characters; numbers with an extension listed but not selectable).",
        ),
    )
      .option('--url <url>', 'the channel-connection URL (required without --emulator)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ spoke trigger channel-connection --url http://127.0.0.1:3500/calling/channels --secret s3cret',
      )
      .action((options: TriggerChannelConnectionOptions) =>
        runLazily(io, options.json === true, async () =>
          (await import('../trigger/trigger-channel-connection.ts')).triggerChannelConnection(options, io),
        ),
      ),
  );
  return trigger;
}
