import { Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { skipToken, useQuery } from "@apollo/client/react";
import { Suspense } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";

import { useAuth, useSession } from "../auth/AuthContext";
import { MY_ORGANISATION } from "../auth/me";
import { PageLoader } from "../ui/PageLoader";
import { LanguageSelect } from "./LanguageSelect";

const NAVIGATION = [
  { to: "/", label: "nav.dashboard", end: true },
  { to: "/partnerships", label: "nav.partnerships", end: false },
  { to: "/applications", label: "nav.applications", end: false },
] as const;

export function Layout() {
  const intl = useIntl();
  const { signOut } = useAuth();
  const { user } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const organisation = useQuery(
    MY_ORGANISATION,
    user.org === null ? skipToken : { variables: { id: user.org } },
  ).data?.organisation;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        <FormattedMessage id="app.skipToContent" />
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={intl.formatMessage({ id: "nav.openMenu" })}
            />
            <Title order={2} size="h4">
              <FormattedMessage id="app.name" />
            </Title>
          </Group>
          <Text size="sm" visibleFrom="sm">
            <FormattedMessage id="nav.signedInAs" values={{ name: user.name }} />
            {" · "}
            {user.roles.map((r) => intl.formatMessage({ id: `role.${r}` })).join(", ")}
            {organisation ? ` · ${organisation.name}` : ""}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={intl.formatMessage({ id: "nav.main" })}>
        <Stack justify="space-between" h="100%">
          <nav aria-label={intl.formatMessage({ id: "nav.main" })}>
            {NAVIGATION.map((item) => (
              <NavLink
                key={item.to}
                component={RouterLink}
                to={item.to}
                end={item.end}
                label={intl.formatMessage({ id: item.label })}
                onClick={close}
                active={
                  item.end ? location.pathname === item.to : location.pathname.startsWith(item.to)
                }
              />
            ))}
          </nav>
          <Stack gap="xs">
            <Text size="sm" hiddenFrom="sm">
              <FormattedMessage id="nav.signedInAs" values={{ name: user.name }} />
            </Text>
            <LanguageSelect />
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              <FormattedMessage id="nav.signOut" />
            </Button>
          </Stack>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
