import { graphql } from "../gql";

/** The coordinator's own organisation, shown in the header. */
export const MY_ORGANISATION = graphql(`
  query MyOrganisation($id: ID!) {
    organisation(id: $id) {
      id
      name
      country
    }
  }
`);
