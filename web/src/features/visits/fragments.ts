import { graphql } from "../../gql";

/** What a row or card of the visit list shows, and what its actions send back (version). */
export const VISIT_FIELDS = graphql(`
  fragment VisitsSection_visit on Visit {
    id
    version
    status
    startsOn
    endsOn
    purpose
    hostOrganisationId
    hostCountry
    participantIds
    hostOrganisation {
      id
      name
    }
  }
`);

/** The organisations that may host a partnership's visits: its Swedish partner and partners. */
graphql(`
  fragment VisitHosts_partnership on Partnership {
    swedishPartnerId
    partnerIds
    swedishPartner {
      id
      name
      country
    }
    partners {
      id
      name
      country
    }
  }
`);

/** A visit as the edit form loads it and as its save answers: who takes part, from where. */
graphql(`
  fragment VisitEdit_visit on Visit {
    ...VisitsSection_visit
    partnershipId
    participants {
      id
      organisationId
    }
  }
`);

/**
 * A visit completed or cancelled, with its partnership's meeting compliance for `$year`
 * (the operation's variable): the section's numbers refresh from the same answer.
 */
graphql(`
  fragment VisitStatusChange_visit on Visit {
    ...VisitsSection_visit
    partnership {
      id
      meetingCompliance(year: $year) {
        ...VisitsSection_compliance
      }
    }
  }
`);

export const COMPLIANCE_FIELDS = graphql(`
  fragment VisitsSection_compliance on MeetingCompliance {
    year
    completedVisits
    hostOrganisationIds
    compliant
    reason
  }
`);

/**
 * The visits section of a partnership page. The page's query declares `$year: Int!`: the
 * year whose meeting compliance and visits show, `visitsYearOf(searchParams)` (visitsYear.ts)
 * so that the section's year switcher drives the page's one query. The aliases keep the
 * fields apart from other fragments' `visits` and `meetingCompliance` with other arguments.
 */
export const VISITS_SECTION = graphql(`
  fragment VisitsSection_partnership on Partnership {
    id
    status
    startedOn
    ...VisitHosts_partnership
    yearCompliance: meetingCompliance(year: $year) {
      ...VisitsSection_compliance
    }
    yearVisits: visits(first: 100, year: $year) {
      totalCount
      nodes {
        ...VisitsSection_visit
      }
    }
  }
`);
