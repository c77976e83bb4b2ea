import { graphql } from "../../../gql";

/** A page of applications; `applications` is merged page by page (relayStylePagination). */
export const APPLICATIONS = graphql(`
  query ApplicationList($first: Int!, $after: String, $filter: ApplicationFilter) {
    applications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ApplicationRow_application
        }
      }
    }
  }
`);

graphql(`
  fragment ApplicationRow_application on Application {
    id
    version
    caseNumber
    title
    type
    status
    year
    submittedOn
    partnershipId
    partnership {
      id
      title
    }
    requestedTotal {
      amount
      currency
    }
  }
`);

/** The calls to filter by (every call, not only open ones: old applications are filtered too). */
export const CALL_OPTIONS = graphql(`
  query ApplicationCallOptions {
    calls(first: 100) {
      nodes {
        id
        title
        opensOn
      }
    }
  }
`);
