/** Today as the API's clock sees it (UTC), for "has the visit started". */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
