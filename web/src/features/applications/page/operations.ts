import { graphql } from "../../../gql";

export const APPLICATION_PAGE = graphql(`
  query ApplicationPage($id: ID!) {
    application(id: $id) {
      ...ApplicationDetail_application
      ...ApplicationGrant_application
    }
  }
`);

/** Only the grant, asked again while finance opens it after an approval. */
export const APPLICATION_GRANT = graphql(`
  query ApplicationGrantPoll($id: ID!) {
    application(id: $id) {
      ...ApplicationGrant_application
    }
  }
`);

export const ASSESS_APPLICATION = graphql(`
  mutation AssessApplication($input: AssessApplicationInput!) {
    assessApplication(input: $input) {
      application {
        ...ApplicationDetail_application
      }
    }
  }
`);

export const RETURN_APPLICATION = graphql(`
  mutation ReturnApplication($input: ReturnApplicationInput!) {
    returnApplication(input: $input) {
      application {
        ...ApplicationDetail_application
      }
    }
  }
`);

export const DECIDE_APPLICATION = graphql(`
  mutation DecideApplication($input: DecideApplicationInput!) {
    decideApplication(input: $input) {
      application {
        ...ApplicationDetail_application
        ...ApplicationGrant_application
      }
    }
  }
`);
