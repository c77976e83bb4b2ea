import { graphql } from "../../../gql";

graphql(`
  fragment DraftForm_partnership on Partnership {
    id
    title
    status
    swedishPartnerId
    partnerIds
    themes
    steeringGroupGaps
  }
`);

/** A new application: the partnership it is for. */
export const NEW_APPLICATION_FORM = graphql(`
  query NewApplicationForm($partnershipId: ID!) {
    partnership(id: $partnershipId) {
      ...DraftForm_partnership
    }
  }
`);

/** Calls taking applications today (the API's clock is UTC). */
export const OPEN_CALLS = graphql(`
  query OpenCalls($today: Date!) {
    calls(first: 50, filter: { openOn: $today }) {
      nodes {
        id
        title
        allowedTypes
        openUntil
      }
    }
  }
`);

export const EDIT_APPLICATION_FORM = graphql(`
  query EditApplicationForm($id: ID!) {
    application(id: $id) {
      ...ApplicationDetail_application
      partnership {
        ...DraftForm_partnership
      }
    }
  }
`);

export const CREATE_APPLICATION = graphql(`
  mutation CreateApplicationDraft($input: CreateApplicationInput!) {
    createApplication(input: $input) {
      application {
        ...ApplicationDetail_application
        partnership {
          ...DraftForm_partnership
        }
      }
    }
  }
`);

export const UPDATE_APPLICATION = graphql(`
  mutation UpdateApplicationDraft($input: UpdateApplicationInput!) {
    updateApplication(input: $input) {
      application {
        ...ApplicationDetail_application
      }
    }
  }
`);

export const SUBMIT_APPLICATION = graphql(`
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      application {
        ...ApplicationDetail_application
      }
    }
  }
`);
