import { graphql } from "../../../gql";

/**
 * Everything the partnership page shows, in one request through the gateway: each section
 * declares what it reads as a fragment.
 */
export const PARTNERSHIP_PAGE = graphql(`
  query PartnershipPage($id: ID!, $thisYear: Int!, $lastYear: Int!, $yearBefore: Int!) {
    partnership(id: $id) {
      id
      version
      title
      status
      swedishPartnerId
      partnerIds
      ...OverviewSection_partnership
      ...PartnersSection_partnership
      ...SteeringGroupSection_partnership
      ...ApplicationsSection_partnership
      ...VisitsList_partnership
      ...MeetingCompliance_partnership
      ...NetworksSection_partnership
      ...TrainingSection_partnership
      ...FinanceSection_partnership
      ...AuditTimeline_partnership
    }
  }
`);

/** The years whose meeting rule the page shows: this one and the two before. */
export function complianceYears(today: Date = new Date()) {
  const thisYear = today.getFullYear();
  return { thisYear, lastYear: thisYear - 1, yearBefore: thisYear - 2 };
}
