import type { ComponentType } from "react";

/**
 * A route's page module, loaded by the router when the route matches. The router is made
 * before the console's configuration arrives, so on a first visit the page's code loads
 * alongside the start-up instead of after it.
 */
export function page(load: () => Promise<{ default: ComponentType }>) {
  return async () => ({ Component: (await load()).default });
}
