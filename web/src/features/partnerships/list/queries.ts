import { graphql } from "../../../gql";

/** A page of the list; `relayStylePagination(["filter"])` merges the pages in the cache. */
export const PARTNERSHIPS = graphql(`
  query Partnerships($first: Int!, $after: String, $filter: PartnershipFilter) {
    partnerships(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...PartnershipRow
        }
      }
    }
  }

  fragment PartnershipRow on Partnership {
    id
    title
    kind
    status
    themes
    countries
    startedOn
    swedishPartner {
      id
      name
    }
    partners {
      id
      name
    }
  }
`);

/** The organisations and their countries, to choose from in the filters. */
export const FILTER_OPTIONS = graphql(`
  query PartnershipFilterOptions {
    organisations(first: 100) {
      edges {
        node {
          id
          name
          country
        }
      }
    }
  }
`);
