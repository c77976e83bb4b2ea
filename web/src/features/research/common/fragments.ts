import { graphql } from "../../../gql";

graphql(`
  fragment ResearchCall_call on ResearchCall {
    id
    version
    title
    themes
    opensOn
    closesOn
    open
    totalBudget {
      amount
      currency
    }
    capVersions {
      validFrom
      caps {
        kind
        maxAmount {
          amount
          currency
        }
      }
    }
  }
`);

graphql(`
  fragment ResearchPerson_person on Person {
    id
    givenName
    familyName
  }
`);

graphql(`
  fragment ResearchRow_application on ResearchApplication {
    id
    version
    callId
    caseNumber
    title
    kind
    status
    principalInvestigatorId
    principalInvestigator {
      ...ResearchPerson_person
    }
    organisationId
    submittedOn
    requested {
      amount
      currency
    }
    ranking {
      position
      meanTotal
      meanRelevance
      reviews
    }
  }
`);

graphql(`
  fragment ResearchDetail_application on ResearchApplication {
    ...ResearchRow_application
    coApplicantIds
    coApplicants {
      ...ResearchPerson_person
    }
    declaredDegree
    abstract
    researchQuestions
    methods
    countries
    themes
    sdgs
    durationMonths
    budget {
      year
      category
      amount {
        amount
        currency
      }
    }
    maxAmount {
      amount
      currency
    }
    ethicalApproval
    partnershipIds
    networkIds
    ineligibleReasons
    decision {
      outcome
      decidedOn
      maxAmount {
        amount
        currency
      }
      approvedBudget {
        year
        category
        amount {
          amount
          currency
        }
      }
    }
    feedback
    reportAcceptedOn
    reviewerIds
    reviewers {
      ...ResearchPerson_person
    }
    reviews {
      reviewerId
      reviewer {
        ...ResearchPerson_person
      }
      comment
      submittedAt
      scores {
        scientificQuality
        relevance
        feasibility
        partnershipValue
        total
      }
    }
    auditTrail {
      at
      actor
      action
      fromStatus
      toStatus
      note
      version
    }
  }
`);

/** The people of an organisation: principal investigators, co-applicants, reviewers. */
export const ORGANISATION_PEOPLE = graphql(`
  query ResearchOrganisationPeople($organisationId: ID!) {
    people(first: 100, filter: { organisationId: $organisationId }) {
      nodes {
        id
        givenName
        familyName
        position
      }
    }
  }
`);

/** The newest calls first (the API's order): a call a year, so the page holds decades. */
export const RESEARCH_CALLS = graphql(`
  # ICLD opens about one call a year: ten years of calls, and the cost of their caps stays
  # well under the gateway's limit; an older call named in the address is read on its own.
  query ResearchCalls {
    researchCalls(first: 10) {
      nodes {
        ...ResearchCall_call
      }
    }
  }
`);

export const RESEARCH_CALL = graphql(`
  query ResearchCall($id: ID!) {
    researchCall(id: $id) {
      ...ResearchCall_call
    }
  }
`);
