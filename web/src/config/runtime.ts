/** Settings the console reads at start-up from the server that serves it (`/config.json`). */
export type AuthConfig =
  | { mode: "development" }
  | { mode: "oidc"; issuer: string; clientId: string; scope: string; resource?: string };

export interface RuntimeConfig {
  gatewayUrl: string;
  auth: AuthConfig;
}

export class ConfigUnavailable extends Error {}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  // index.html preloads it while the scripts load; the server marks it no-cache, so the
  // browser revalidates instead of serving a stale copy.
  const response = await fetch("/config.json");
  if (!response.ok) {
    throw new ConfigUnavailable(`/config.json answered ${response.status}`);
  }
  return (await response.json()) as RuntimeConfig;
}
