import { Anchor } from "@mantine/core";
import { useIntl } from "react-intl";
import { Link } from "react-router";

/** The case number, or "draft" before the first submission, leading to the application. */
interface Props {
  id: string;
  caseNumber: string | null | undefined;
}

export function CaseNumberLink({ id, caseNumber }: Props) {
  const intl = useIntl();
  return (
    <Anchor component={Link} to={`/applications/${id}`}>
      {caseNumber ?? intl.formatMessage({ id: "applications.noCaseNumber" })}
    </Anchor>
  );
}
