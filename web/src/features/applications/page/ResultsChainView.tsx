import { List, Stack, Text, Title } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ApplicationDetail_ApplicationFragment } from "../../../gql/graphql";

type Chain = ApplicationDetail_ApplicationFragment["resultsChain"];
type Indicator = NonNullable<Chain["goal"]>["indicators"][number];

function Indicators({ items }: { items: readonly Indicator[] }) {
  const intl = useIntl();
  if (items.length === 0) return null;
  return (
    <List size="sm" aria-label={intl.formatMessage({ id: "applications.indicators.title" })}>
      {items.map((item, n) => (
        <List.Item key={n}>
          <FormattedMessage
            id="applications.indicator.summary"
            values={{
              name: item.name,
              unit: item.unit,
              hasUnit: item.unit === "" ? "no" : "yes",
              baseline: item.baseline,
              target: item.target,
            }}
          />
        </List.Item>
      ))}
    </List>
  );
}

/** Goal → outcomes → outputs, each with how it is measured. */
export function ResultsChainView({ chain }: { chain: Chain }) {
  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h4">
          <FormattedMessage id="applications.goal.legend" />
        </Title>
        {chain.goal ? (
          <>
            <Text>{chain.goal.statement}</Text>
            <Indicators items={chain.goal.indicators} />
          </>
        ) : (
          <Text c="gray.7">
            <FormattedMessage id="applications.goal.none" />
          </Text>
        )}
      </div>
      {chain.outcomes.length === 0 ? (
        <Text c="gray.7">
          <FormattedMessage id="applications.outcome.none" />
        </Text>
      ) : (
        chain.outcomes.map((outcome, n) => (
          <div key={n}>
            <Title order={3} size="h4">
              <FormattedMessage id="applications.outcome.legend" values={{ number: n + 1 }} />
            </Title>
            <Text>{outcome.statement}</Text>
            <Indicators items={outcome.indicators} />
            <Stack
              gap="xs"
              mt="xs"
              pl="md"
              style={{ borderLeft: "3px solid var(--mantine-color-gray-3)" }}
            >
              {outcome.outputs.map((output, m) => (
                <div key={m}>
                  <Title order={4} size="h5">
                    <FormattedMessage
                      id="applications.output.legend"
                      values={{ number: `${n + 1}.${m + 1}` }}
                    />
                  </Title>
                  <Text size="sm">{output.statement}</Text>
                  <Indicators items={output.indicators} />
                </div>
              ))}
            </Stack>
          </div>
        ))
      )}
    </Stack>
  );
}
