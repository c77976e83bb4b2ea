import { graphql } from "../../../gql";

/** Organisations to choose the partners from: the Swedish ones and those abroad. */
export const PARTNER_OPTIONS = graphql(`
  query PartnerOptions {
    swedish: organisations(first: 100, filter: { isSwedish: true }) {
      edges {
        node {
          id
          name
          country
        }
      }
    }
    abroad: organisations(first: 100, filter: { isSwedish: false }) {
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

export const CREATE_PARTNERSHIP = graphql(`
  mutation CreatePartnership($input: CreatePartnershipInput!) {
    createPartnership(input: $input) {
      partnership {
        id
        version
        ...PartnershipRow
      }
    }
  }
`);

/** What the edit form starts from, and reloads after a conflict. */
export const PARTNERSHIP_DETAILS = graphql(`
  query PartnershipDetails($id: ID!) {
    partnership(id: $id) {
      id
      version
      title
      status
      themes
      focus
      swedishPartnerId
      partnerIds
    }
  }
`);

export const UPDATE_PARTNERSHIP = graphql(`
  mutation UpdatePartnership($input: UpdatePartnershipInput!) {
    updatePartnership(input: $input) {
      partnership {
        id
        version
        title
        themes
        focus
        ...AuditTimeline_partnership
      }
    }
  }
`);
