export interface OrganisationChoice {
  id: string;
  name: string;
  country: string;
}

interface WithOrganisations {
  swedishPartner?: OrganisationChoice | null;
  partners: readonly OrganisationChoice[];
}

/** The partnership's organisations, the Swedish partner first: the possible hosts. */
export function partnershipOrganisations(partnership: WithOrganisations): OrganisationChoice[] {
  const swedish = partnership.swedishPartner ? [partnership.swedishPartner] : [];
  return [...swedish, ...partnership.partners];
}
