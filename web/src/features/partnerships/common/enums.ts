import type { PartnershipStatus } from "../../../gql/graphql";
import { enumValues } from "../../../graphql/enums";

const STATUS = enumValues<PartnershipStatus>({ ACTIVE: null, DORMANT: null, CLOSED: null });

/** In the API's order, which is also the order of a partnership's life. */
export const PARTNERSHIP_STATUSES = STATUS.values;
export const isPartnershipStatus = STATUS.is;
