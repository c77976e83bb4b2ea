import type { ReportDueFragment } from "../../gql/graphql";

/** The partnership's title where the caller may read the grant, else the case number. */
export function reportPartnershipTitle(report: ReportDueFragment): string {
  return report.grant?.partnership?.title ?? report.caseNumber;
}

export function reportKey(report: ReportDueFragment): string {
  return `${report.grantId}/${report.accountingYear}`;
}
