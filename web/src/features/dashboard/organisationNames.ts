import type { PartnershipComplianceFragment } from "../../gql/graphql";

/** The partners' names by id, to word what the API reports by organisation id. */
export function organisationNames(partnership: PartnershipComplianceFragment): Map<string, string> {
  const names = new Map<string, string>();
  for (const organisation of [partnership.swedishPartner, ...partnership.partners]) {
    if (organisation) names.set(organisation.id, organisation.name);
  }
  return names;
}
