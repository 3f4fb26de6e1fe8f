/** The service's settings, read from the environment. */
export interface ServiceEnv {
  /** PORT, default 3000 (spoke.config.json points HubSpot at http://127.0.0.1:3000 unless SERVICE_URL is set). */
  port: number;
  /** HOST, default 127.0.0.1; set HOST=0.0.0.0 in a container. */
  host: string;
  /** HUBSPOT_CLIENT_SECRET: the app's client secret (`npm run dev` sets it for you). */
  clientSecret: string;
  /** PUBLIC_URL: the base URL HubSpot calls when it is not the one the service sees (a tunnel, a proxy). */
  publicUrl: string | undefined;
}

/** Reads and checks the service's settings; throws a message saying what to set when one is wrong. */
export function readServiceEnv(env: NodeJS.ProcessEnv): ServiceEnv {
  const clientSecret = env.HUBSPOT_CLIENT_SECRET ?? '';
  if (clientSecret === '') {
    throw new Error(
      'HUBSPOT_CLIENT_SECRET is not set. Run `npm run dev` (it starts a local HubSpot and sets it), or set it to your app’s client secret.',
    );
  }
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT ${JSON.stringify(env.PORT)} is not a port number (0-65535; 0 picks a free one).`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    clientSecret,
    publicUrl: env.PUBLIC_URL || undefined,
  };
}

/** The URL to print for a listening service. */
export function serviceUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}
