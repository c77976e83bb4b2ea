/** The form's path of an API input path: `budget[2].amount` is the form's `budget.2.amount`. */
export function formPathOf(field: string): string {
  return field.replace(/^(input\.)?(proposal\.)?/, "").replace(/\[(\d+)\]/g, ".$1");
}
