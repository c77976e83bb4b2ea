import { graphql } from "../../gql";

/** What the plan and edit forms need of the partnership: hosts, first day, status. */
export const VISIT_FORM_PARTNERSHIP = graphql(`
  fragment VisitForm_partnership on Partnership {
    id
    title
    status
    startedOn
    ...VisitHosts_partnership
  }
`);

export const PLAN_VISIT_FORM = graphql(`
  query PlanVisitForm($partnershipId: ID!) {
    partnership(id: $partnershipId) {
      ...VisitForm_partnership
    }
  }
`);

export const EDIT_VISIT_FORM = graphql(`
  query EditVisitForm($id: ID!) {
    visit(id: $id) {
      ...VisitEdit_visit
      partnership {
        ...VisitForm_partnership
      }
    }
  }
`);

/** The people an organisation can send; names only where the caller may see them. */
export const ORGANISATION_PEOPLE = graphql(`
  query VisitOrganisationPeople($organisationId: ID!) {
    people(first: 100, filter: { organisationId: $organisationId }) {
      totalCount
      nodes {
        id
        organisationId
        givenName
        familyName
        position
        role
      }
    }
  }
`);
