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
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new ConfigUnavailable(`/config.json answered ${response.status}`);
  }
  return (await response.json()) as RuntimeConfig;
}
