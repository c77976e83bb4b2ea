import { graphql } from "../../../gql";

graphql(`
  fragment ResearchGrant_application on ResearchApplication {
    id
    grant {
      id
      caseNumber
      status
      approvedAmount {
        amount
        currency
      }
      research {
        advanceAmount {
          amount
          currency
        }
        finalAmount {
          amount
          currency
        }
        payments {
          id
          stage
          status
          amount {
            amount
            currency
          }
        }
      }
    }
  }
`);

export const RESEARCH_APPLICATION_PAGE = graphql(`
  query ResearchApplicationPage($id: ID!) {
    researchApplication(id: $id) {
      ...ResearchDetail_application
      ...ResearchGrant_application
    }
  }
`);

/** Only the grant, asked again while finance opens it after an approval. */
export const RESEARCH_GRANT = graphql(`
  query ResearchGrantPoll($id: ID!) {
    researchApplication(id: $id) {
      ...ResearchGrant_application
    }
  }
`);

export const SUBMIT_RESEARCH_FROM_PAGE = graphql(`
  mutation SubmitResearchFromPage($input: ResearchApplicationActionInput!) {
    submitResearchApplication(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const SCREEN_RESEARCH = graphql(`
  mutation ScreenResearchApplication($input: ScreenResearchApplicationInput!) {
    screenResearchApplication(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const ASSIGN_REVIEWER = graphql(`
  mutation AssignResearchReviewer($input: ResearchReviewerInput!) {
    assignResearchReviewer(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const DECLARE_CONFLICT = graphql(`
  mutation DeclareResearchConflict($input: ResearchReviewerInput!) {
    declareResearchConflict(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const SUBMIT_REVIEW = graphql(`
  mutation SubmitResearchReview($input: SubmitResearchReviewInput!) {
    submitResearchReview(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const ACCEPT_REPORT = graphql(`
  mutation AcceptResearchReport($input: ResearchApplicationActionInput!) {
    acceptResearchReport(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const RELEASE_FEEDBACK = graphql(`
  mutation ReleaseResearchFeedback($input: ReleaseResearchFeedbackInput!) {
    releaseResearchFeedback(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const DECIDE_WAITLISTED = graphql(`
  mutation DecideWaitlistedResearch($input: DecideWaitlistedResearchInput!) {
    decideWaitlistedResearchApplication(input: $input) {
      application {
        ...ResearchDetail_application
        ...ResearchGrant_application
      }
    }
  }
`);

/** Organisations to find a reviewer in. */
export const REVIEWER_ORGANISATIONS = graphql(`
  query ReviewerOrganisations {
    organisations(first: 100) {
      nodes {
        id
        name
        country
        kind
      }
    }
  }
`);
