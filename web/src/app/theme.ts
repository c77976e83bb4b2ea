import { createTheme } from "@mantine/core";

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
