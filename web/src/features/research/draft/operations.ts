import { graphql } from "../../../gql";

export const RESEARCH_DRAFT_FORM = graphql(`
  query ResearchDraftForm($id: ID!) {
    researchApplication(id: $id) {
      ...ResearchDetail_application
    }
  }
`);

/** What an application may relate to: the programme's partnerships and networks. */
export const RESEARCH_LINK_OPTIONS = graphql(`
  query ResearchLinkOptions {
    partnerships(first: 100) {
      nodes {
        id
        title
      }
    }
    networks(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const DRAFT_RESEARCH = graphql(`
  mutation DraftResearchApplication($input: DraftResearchApplicationInput!) {
    draftResearchApplication(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const EDIT_RESEARCH = graphql(`
  mutation EditResearchApplication($input: EditResearchApplicationInput!) {
    editResearchApplication(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);

export const SUBMIT_RESEARCH = graphql(`
  mutation SubmitResearchApplication($input: ResearchApplicationActionInput!) {
    submitResearchApplication(input: $input) {
      application {
        ...ResearchDetail_application
      }
    }
  }
`);
