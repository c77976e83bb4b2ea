import { babelOptimizerPlugin } from "@graphql-codegen/client-preset";
import babel from "@rolldown/plugin-babel";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

export default defineConfig({
  plugins: [
    react(),
    // Each `graphql(...)` call becomes an import of its own generated document, so a page
    // bundles only its operations instead of the map of every operation in the console.
    babel({
      plugins: [[babelOptimizerPlugin, { artifactDirectory: "./src/gql", gqlTagName: "graphql" }]],
    }),
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: "script-defer",
      includeAssets: ["icon.svg"],
      manifest: {
        name: "ICLD partnership platform",
        short_name: "ICLD",
        description: "Municipal partnerships, applications and visits",
        theme_color: "#1c4e80",
        background_color: "#ffffff",
        display: "standalone",
        start_url: "/",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The runtime configuration and the API are never served from the cache.
        navigateFallbackDenylist: [/^\/config\.json$/, /^\/dev\//],
        globPatterns: ["**/*.{js,css,html,svg,png,woff2}"],
      },
    }),
  ],
  build: { target: "es2022", sourcemap: true },
});
