import { graphql } from "../../../gql";

graphql(`
  fragment ApplicationIndicator on Indicator {
    name
    unit
    baseline
    target
  }
`);

graphql(`
  fragment ApplicationBudgetLine on ApplicationBudgetLine {
    year
    category
    amount {
      amount
      currency
    }
  }
`);

/**
 * Everything the application page and the draft form show: every mutation selects it, so
 * the normalized cache brings each view up to date without asking again.
 */
graphql(`
  fragment ApplicationDetail_application on Application {
    id
    version
    status
    caseNumber
    type
    title
    durationMonths
    projectArea
    sdgs
    theme
    year
    submittedOn
    partnershipId
    callId
    createdAt
    updatedAt
    resultsChain {
      goal {
        statement
        indicators {
          ...ApplicationIndicator
        }
      }
      outcomes {
        statement
        indicators {
          ...ApplicationIndicator
        }
        outputs {
          statement
          indicators {
            ...ApplicationIndicator
          }
        }
      }
    }
    requestedBudget {
      ...ApplicationBudgetLine
    }
    requestedTotal {
      amount
      currency
    }
    decision {
      outcome
      conditions
      decidedAt
      decidedBy
      approvedTotal {
        amount
        currency
      }
      approvedBudget {
        ...ApplicationBudgetLine
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
    partnership {
      id
      title
      status
      swedishPartnerId
      partnerIds
      themes
      steeringGroupGaps
    }
    call {
      id
      title
      allowedTypes
      openUntil
    }
  }
`);

/** The grant finance opens when an application is approved (null before, or unreadable). */
graphql(`
  fragment ApplicationGrant_application on Application {
    id
    grant {
      id
      caseNumber
      status
      partnershipId
      approvedAmount {
        amount
        currency
      }
    }
  }
`);
