import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

interface Props {
  title: ReactNode;
  /** The partnership the visit belongs to, linked back to. */
  partnership?: { id: string; title: string };
  children: ReactNode;
}

/** The frame of the plan and edit pages: one heading, the partnership, the content. */
export function FormPage({ title, partnership, children }: Props) {
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {partnership && (
          <Text>
            <Anchor component={Link} to={`/partnerships/${partnership.id}`}>
              {partnership.title}
            </Anchor>
          </Text>
        )}
      </Stack>
      {children}
    </Stack>
  );
}

/** A plain reason the form is not offered (not found, not allowed, no longer planned). */
export function Unavailable({ message }: { message: ReactNode }) {
  return (
    <Alert color="gray" role="status">
      {message}
    </Alert>
  );
}

export function NotFound() {
  return <Unavailable message={<FormattedMessage id="common.notFound" />} />;
}
