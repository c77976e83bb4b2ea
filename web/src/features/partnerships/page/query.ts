import { graphql } from "../../../gql";

/**
 * Everything the partnership page shows, in one request through the gateway: each section
 * declares what it reads as a fragment. `$year` is the year of the visits section
 * (features/visits), whose fragment reads it.
 */
export const PARTNERSHIP_PAGE = graphql(`
  query PartnershipPage($id: ID!, $year: Int!) {
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
      ...VisitsSection_partnership
      ...NetworksSection_partnership
      ...TrainingSection_partnership
      ...FinanceSection_partnership
      ...AuditTimeline_partnership
    }
  }
`);
