import { graphql } from "../../../gql";

/** A page of a call's applications; merged page by page (relayStylePagination). */
export const RESEARCH_APPLICATIONS = graphql(`
  query ResearchApplicationList(
    $first: Int!
    $after: String
    $filter: ResearchApplicationFilter
  ) {
    researchApplications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ResearchRow_application
        }
      }
    }
  }
`);
