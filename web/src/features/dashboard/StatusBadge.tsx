import { Badge } from "@mantine/core";
import type { ReactNode } from "react";

export type Tone = "good" | "warning" | "danger" | "info" | "neutral";

/** Colours with WCAG AA contrast at badge size (Mantine's light badges fall short). */
const TONES: Record<Tone, { color: string; text: string }> = {
  good: { color: "teal.9", text: "white" },
  warning: { color: "orange.1", text: "gray.9" },
  danger: { color: "red.9", text: "white" },
  info: { color: "blue.9", text: "white" },
  neutral: { color: "gray.2", text: "gray.9" },
};

/** A state in words; the colour only repeats what the words say. */
export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  const { color, text } = TONES[tone];
  return (
    <Badge color={color} c={text} variant="filled">
      {children}
    </Badge>
  );
}
