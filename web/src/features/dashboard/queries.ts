import { graphql } from "../../gql";

/**
 * Everything the dashboard shows, in one federated request: programme-wide counts from the
 * partnerships service, reports due from finance, and the first page of active partnerships
 * judged against the steering-group and meetings rules.
 */
export const DASHBOARD = graphql(`
  query Dashboard(
    $scope: PartnershipFilter
    $active: PartnershipFilter
    $year: Int!
    $first: Int!
    $after: String
  ) {
    partnershipStatistics(filter: $scope) {
      total
      byStatus {
        key
        count
      }
      byCountry {
        key
        count
      }
      byTheme {
        key
        count
      }
      steeringGroupIncomplete
      meetingsBelowRule(year: $year)
    }
    toAssess: applications(first: 0, filter: { status: SUBMITTED }) {
      totalCount
    }
    toDecide: applications(first: 0, filter: { status: ELIGIBLE }) {
      totalCount
    }
    financialReportsDue {
      ...ReportDue
    }
    partnerships(first: $first, after: $after, filter: $active) {
      ...CompliancePage
    }
  }
`);

/** Further pages of active partnerships, merged into the dashboard's list by the cache. */
export const COMPLIANCE_PAGE = graphql(`
  query ComplianceNextPage($active: PartnershipFilter, $year: Int!, $first: Int!, $after: String) {
    partnerships(first: $first, after: $after, filter: $active) {
      ...CompliancePage
    }
  }
`);

export const COMPLIANCE_FRAGMENTS = graphql(`
  fragment CompliancePage on PartnershipConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...PartnershipCompliance
      }
    }
  }
`);

export const PARTNERSHIP_COMPLIANCE = graphql(`
  fragment PartnershipCompliance on Partnership {
    id
    title
    countries
    swedishPartner {
      id
      name
    }
    partners {
      id
      name
    }
    steeringGroupGaps
    meetingCompliance(year: $year) {
      year
      completedVisits
      hostOrganisationIds
      compliant
    }
  }
`);

export const REPORT_DUE = graphql(`
  fragment ReportDue on ReportDeadline {
    grantId
    partnershipId
    caseNumber
    accountingYear
    final
    dueOn
    status
    grant {
      id
      partnership {
        id
        title
      }
    }
  }
`);
