import { graphql } from "../../../gql";

export const STEERING_GROUP_EDITOR = graphql(`
  query SteeringGroupEditor($id: ID!) {
    partnership(id: $id) {
      id
      version
      title
      status
      swedishPartnerId
      partnerIds
      ...SteeringGroupSection_partnership
    }
  }
`);

/** The people who may sit for a partner: that organisation's politicians and staff. */
export const PARTNER_PEOPLE = graphql(`
  query PartnerPeople($organisationId: ID!) {
    people(first: 100, filter: { organisationId: $organisationId }) {
      totalCount
      edges {
        node {
          id
          organisationId
          role
          politicalSide
          senior
          position
          givenName
          familyName
        }
      }
    }
  }
`);

export const SET_STEERING_GROUP = graphql(`
  mutation SetSteeringGroup($input: SetSteeringGroupInput!) {
    setSteeringGroup(input: $input) {
      partnership {
        id
        version
        ...SteeringGroupSection_partnership
        ...AuditTimeline_partnership
      }
    }
  }
`);
