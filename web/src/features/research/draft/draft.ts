/**
 * The research application form as people fill it in, and the API's proposal from it. What
 * cannot be sent yet (an amount that is not one, a country that is not a code) is held back
 * and said at its field; the rest is saved.
 */
import type {
  CostCategory,
  EthicalApproval,
  ResearchBudgetLineInput,
  ResearchDegree,
  ResearchDetail_ApplicationFragment,
  ResearchKind,
  ResearchProposalInput,
  Theme,
} from "../../../gql/graphql";
import { amountText, parseAmount } from "../../applications/common/money";

export interface BudgetRow {
  year: string;
  category: CostCategory;
  amount: string;
}

export interface ResearchDraft {
  kind: ResearchKind | "";
  principalInvestigatorId: string;
  title: string;
  declaredDegree: ResearchDegree | "";
  coApplicantIds: string[];
  abstract: string;
  /** One research question a line. */
  researchQuestions: string;
  methods: string;
  /** ISO 3166-1 alpha-2 codes, separated by commas or spaces. */
  countries: string;
  themes: Theme[];
  sdgs: string[];
  durationMonths: string;
  budget: BudgetRow[];
  ethicalApproval: EthicalApproval;
  partnershipIds: string[];
  networkIds: string[];
}

export const MAX_DURATION_MONTHS = 36;

export function emptyDraft(themes: readonly Theme[]): ResearchDraft {
  return {
    kind: "",
    principalInvestigatorId: "",
    title: "",
    declaredDegree: "",
    coApplicantIds: [],
    abstract: "",
    researchQuestions: "",
    methods: "",
    countries: "",
    themes: themes.length === 1 ? [...themes] : [],
    sdgs: [],
    durationMonths: "12",
    budget: [{ year: "1", category: "WORKING_HOURS", amount: "" }],
    ethicalApproval: "NOT_REQUIRED",
    partnershipIds: [],
    networkIds: [],
  };
}

export function draftOf(application: ResearchDetail_ApplicationFragment, locale: string): ResearchDraft {
  return {
    kind: application.kind,
    principalInvestigatorId: application.principalInvestigatorId,
    title: application.title,
    declaredDegree: application.declaredDegree,
    coApplicantIds: [...application.coApplicantIds],
    abstract: application.abstract,
    researchQuestions: application.researchQuestions.join("\n"),
    methods: application.methods,
    countries: application.countries.join(", "),
    themes: [...application.themes],
    sdgs: application.sdgs.map(String),
    durationMonths: String(application.durationMonths),
    budget: application.budget.map((line) => ({
      year: String(line.year),
      category: line.category,
      amount: amountText(line.amount.amount, locale),
    })),
    ethicalApproval: application.ethicalApproval,
    partnershipIds: [...application.partnershipIds],
    networkIds: [...application.networkIds],
  };
}

export function countryCodes(text: string): { codes: string[]; malformed: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim().toUpperCase())
    .filter((p) => p !== "");
  return {
    codes: parts.filter((p) => /^[A-Z]{2}$/.test(p)),
    malformed: parts.filter((p) => !/^[A-Z]{2}$/.test(p)),
  };
}

export function durationOf(draft: ResearchDraft): number | null {
  const months = Number(draft.durationMonths.trim());
  return Number.isInteger(months) && months >= 1 && months <= MAX_DURATION_MONTHS ? months : null;
}

export interface Built {
  proposal: ResearchProposalInput;
  /** Form paths whose input is held back (not sent) until it is something the API takes. */
  heldBack: string[];
}

/** The proposal to send: every field, so that the server ends up holding the whole form. */
export function buildProposal(draft: ResearchDraft, locale: string): Built {
  const heldBack: string[] = [];
  const budget: ResearchBudgetLineInput[] = [];
  draft.budget.forEach((row, i) => {
    const amount = parseAmount(row.amount, locale);
    if (amount.kind === "amount" && amount.minor > 0n) {
      budget.push({ year: Number(row.year), category: row.category, amount: amount.decimal });
    } else if (amount.kind !== "blank") {
      heldBack.push(`budget.${i}.amount`);
    }
  });
  const { codes, malformed } = countryCodes(draft.countries);
  if (malformed.length > 0) heldBack.push("countries");
  const duration = durationOf(draft);
  if (duration === null) heldBack.push("durationMonths");
  const proposal: ResearchProposalInput = {
    coApplicantIds: draft.coApplicantIds,
    abstract: draft.abstract,
    researchQuestions: draft.researchQuestions
      .split("\n")
      .map((q) => q.trim())
      .filter((q) => q !== ""),
    methods: draft.methods,
    countries: codes,
    themes: draft.themes,
    sdgs: draft.sdgs.map(Number),
    budget,
    ethicalApproval: draft.ethicalApproval,
    partnershipIds: draft.partnershipIds,
    networkIds: draft.networkIds,
  };
  if (draft.title.trim() !== "") proposal.title = draft.title.trim();
  if (draft.declaredDegree !== "") proposal.declaredDegree = draft.declaredDegree;
  if (duration !== null) proposal.durationMonths = duration;
  return { proposal, heldBack };
}

/** What creating an application needs: a kind, a principal investigator, a title, a degree. */
export function readyToCreate(draft: ResearchDraft): boolean {
  return (
    draft.kind !== "" &&
    draft.principalInvestigatorId !== "" &&
    draft.title.trim() !== "" &&
    draft.declaredDegree !== ""
  );
}
