import { graphql } from "../../../gql";

export const RANK_CALL = graphql(`
  mutation RankResearchCall($input: RankResearchCallInput!) {
    rankResearchCall(input: $input) {
      applications {
        ...ResearchDetail_application
      }
    }
  }
`);

export const DECIDE_CALL = graphql(`
  mutation DecideResearchCall($input: DecideResearchCallInput!) {
    decideResearchCall(input: $input) {
      applications {
        ...ResearchDetail_application
      }
    }
  }
`);
