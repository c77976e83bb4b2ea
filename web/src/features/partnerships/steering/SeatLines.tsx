import { List, Text, ThemeIcon } from "@mantine/core";
import { FormattedMessage } from "react-intl";

import { SEATS, type SeatState } from "./steeringRule";

/**
 * One line per seat of the rule, met or missing: a symbol and words, the colour only
 * repeating them.
 */
export function SeatLines({ state, label }: { state: SeatState; label: string }) {
  return (
    <List spacing={4} listStyleType="none" aria-label={label} p={0}>
      {SEATS.map((seat) => (
        <List.Item
          key={seat}
          data-seat={seat}
          data-met={state[seat]}
          icon={
            <ThemeIcon size="sm" radius="xl" color={state[seat] ? "green.8" : "red.8"} aria-hidden>
              {state[seat] ? "✓" : "✗"}
            </ThemeIcon>
          }
        >
          <Text size="sm" span fw={state[seat] ? 400 : 700} c={state[seat] ? undefined : "red.9"}>
            <FormattedMessage
              id={state[seat] ? "partnerships.seat.met" : "partnerships.seat.missing"}
              values={{ seat: <FormattedMessage id={`partnerships.seat.${seat}`} /> }}
            />
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
