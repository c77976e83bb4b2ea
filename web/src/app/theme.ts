import { createTheme, type CSSVariablesResolver } from "@mantine/core";

// Colours chosen for WCAG AA contrast of text on the default backgrounds.
export const theme = createTheme({
  primaryColor: "icld",
  primaryShade: 8,
  colors: {
    icld: [
      "#e7f0fa",
      "#cfdff2",
      "#9fbfe4",
      "#6c9dd6",
      "#4382ca",
      "#2a70c2",
      "#1c64bd",
      "#1c5aa6",
      "#1c4e80",
      "#123a63",
    ],
  },
  defaultRadius: "sm",
});

/**
 * Mantine's dimmed grey (gray-6) and error red (red-6) are 3.3:1 on white; gray-7 and red-9
 * pass WCAG AA for small text (field descriptions and error messages).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});
