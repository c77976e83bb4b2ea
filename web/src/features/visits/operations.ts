import { graphql } from "../../gql";

/**
 * Completing or cancelling changes the year's meeting compliance: the payload carries it,
 * so the section's numbers refresh from the same answer.
 */
export const COMPLETE_VISIT = graphql(`
  mutation CompleteVisit($input: CompleteVisitInput!, $year: Int!) {
    completeVisit(input: $input) {
      visit {
        ...VisitStatusChange_visit
      }
    }
  }
`);

export const CANCEL_VISIT = graphql(`
  mutation CancelVisit($input: CancelVisitInput!, $year: Int!) {
    cancelVisit(input: $input) {
      visit {
        ...VisitStatusChange_visit
      }
    }
  }
`);

export const PLAN_VISIT = graphql(`
  mutation PlanVisit($input: PlanVisitInput!) {
    planVisit(input: $input) {
      visit {
        ...VisitsSection_visit
        partnershipId
      }
    }
  }
`);

export const UPDATE_VISIT = graphql(`
  mutation UpdateVisit($input: UpdateVisitInput!) {
    updateVisit(input: $input) {
      visit {
        ...VisitEdit_visit
      }
    }
  }
`);

/** The visit as the platform holds it now: after a conflict, its current version. */
export const CURRENT_VISIT = graphql(`
  query CurrentVisit($id: ID!) {
    visit(id: $id) {
      ...VisitsSection_visit
    }
  }
`);

/** The section for a year other than the page's (the page query shows one year). */
export const VISITS_SECTION_YEAR = graphql(`
  query VisitsSectionYear($id: ID!, $year: Int!) {
    partnership(id: $id) {
      id
      ...VisitsSection_partnership
    }
  }
`);
