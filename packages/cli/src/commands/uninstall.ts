import { type ExitCode, SpokeCliError } from '../errors.ts';
import { describePortal, emulatorBase, findApp } from '../install/emulator-app.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { writeJson } from '../output/write-json.ts';
import {
  createEmulatorClient,
  type EmulatorInstall,
  type EmulatorPortal,
  emulatorToken,
} from '../trigger/emulator-client.ts';

/** Options of `spoke uninstall`, as commander parses them. */
export interface UninstallCommandOptions {
  emulator?: string;
  /** The emulator's access token (default SPOKE_EMULATOR_TOKEN). */
  token?: string;
  /** The portal to uninstall from; without it, the one portal the app is installed in. */
  portal?: string;
  json?: boolean;
}

/** What `spoke uninstall` prints with `--json`. */
export interface UninstallResult {
  ok: true;
  appId: number;
  portalId: number;
  hubDomain: string | null;
  /** The scopes the install had. */
  scopes: string[];
  /** Always true: uninstalling revokes the install's access and refresh tokens. */
  tokensRevoked: true;
  /** The portals the app is still installed in. */
  stillInstalledIn: number[];
}

/** `62515 (dev.example.com)`, from the portals the emulator has. */
function portalLabel(portals: readonly EmulatorPortal[], portalId: number): string {
  return describePortal(portalId, portals.find((p) => p.id === portalId)?.domain);
}

/** The install to remove: the one `--portal` names, else the only one the app has. */
function chooseInstall(
  installs: readonly EmulatorInstall[],
  portals: readonly EmulatorPortal[],
  app: { id: number; name: string },
  portalId: number | undefined,
): EmulatorInstall {
  const where = installs.map((i) => portalLabel(portals, i.portalId)).join(', ');
  if (portalId !== undefined) {
    const install = installs.find((i) => i.portalId === portalId);
    if (install) return install;
    const known = portals.some((p) => p.id === portalId)
      ? `portal ${portalLabel(portals, portalId)}`
      : `portal ${portalId} (the emulator has no such portal)`;
    throw new SpokeCliError(
      'UNINSTALL_NOT_INSTALLED',
      `app ${app.id} (${app.name}) is not installed in ${known}, so there is nothing to uninstall; ${installs.length > 0 ? `it is installed in portal ${where}: pass one of those to --portal.` : 'it is installed in no portal.'}`,
    );
  }
  const [only, ...others] = installs;
  if (!only) {
    throw new SpokeCliError(
      'UNINSTALL_NOT_INSTALLED',
      `app ${app.id} (${app.name}) is installed in no portal, so there is nothing to uninstall. \`spoke install ${app.id}\` installs it.`,
    );
  }
  if (others.length > 0) {
    throw new SpokeCliError(
      'UNINSTALL_PORTAL_REQUIRED',
      `app ${app.id} (${app.name}) is installed in ${installs.length} portals: ${where}. Say which to uninstall it from with --portal, e.g. \`spoke uninstall ${app.id} --portal ${only.portalId}\`.`,
    );
  }
  return only;
}

/**
 * `spoke uninstall <appId>`: removes an app's install from a portal of a running emulator through
 * the control API, as the Apps screen's Uninstall does; the install's access and refresh tokens
 * stop working (docs/emulator.md, "Installing an app (OAuth)").
 */
export async function runUninstall(
  appIdArg: string,
  options: UninstallCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  const appId = parsePositiveInt(appIdArg, 'the app id');
  const base = emulatorBase(options, io.env);
  const portalId = options.portal === undefined ? undefined : parsePositiveInt(options.portal, '--portal');
  const client = createEmulatorClient(base, io.fetch, emulatorToken(options, io.env));
  const app = await findApp(client, appId);
  const [installs, portals] = await Promise.all([client.installs(appId), client.portals()]);
  const install = chooseInstall(installs, portals, app, portalId);
  await client.uninstall(appId, install.portalId);
  const result: UninstallResult = {
    ok: true,
    appId,
    portalId: install.portalId,
    hubDomain: portals.find((p) => p.id === install.portalId)?.domain ?? null,
    scopes: install.scopes,
    tokensRevoked: true,
    stillInstalledIn: installs.filter((i) => i !== install).map((i) => i.portalId),
  };
  if (options.json === true) {
    writeJson(io, result);
    return 0;
  }
  const c = createColours(io);
  io.stdout.write(
    `${c.green(`uninstalled app ${appId} (${app.name}) from portal ${describePortal(result.portalId, result.hubDomain)}`)}\n`,
  );
  io.stdout.write(
    `  its access and refresh tokens are revoked: the CRM API answers 401 to them and a refresh is refused; \`spoke install ${appId}\` installs it again\n`,
  );
  if (result.stillInstalledIn.length > 0) {
    const rest = result.stillInstalledIn.map((id) => portalLabel(portals, id)).join(', ');
    io.stdout.write(`  still installed in portal ${rest}\n`);
  }
  return 0;
}
