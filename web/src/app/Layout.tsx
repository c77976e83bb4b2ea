import { Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Title, useMantineTheme } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { Suspense, useId } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";

import { useAuth } from "../auth/AuthContext";
import { PageLoader } from "../ui/PageLoader";
import { LanguageSelect } from "../ui/LanguageSelect";
import { UserSummary } from "./UserSummary";

const NAVIGATION = [
  { to: "/", label: "nav.dashboard", end: true },
  { to: "/partnerships", label: "nav.partnerships", end: false },
  { to: "/applications", label: "nav.applications", end: false },
  { to: "/research", label: "nav.research", end: false },
] as const;

export function Layout() {
  const intl = useIntl();
  const theme = useMantineTheme();
  const { signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navbarId = useId();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  // A phone's closed menu is only moved out of sight: inert keeps the keyboard out of it.
  const hidden = !wide && !opened;

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
              aria-expanded={opened}
              aria-controls={navbarId}
            />
            <Title order={2} size="h4">
              <FormattedMessage id="app.name" />
            </Title>
          </Group>
          <UserSummary visibleFrom="sm" />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        id={navbarId}
        p="sm"
        aria-label={intl.formatMessage({ id: "nav.main" })}
        inert={hidden}
      >
        <Stack justify="space-between" h="100%">
          <div>
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
          </div>
          <Stack gap="xs">
            <UserSummary hiddenFrom="sm" />
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
