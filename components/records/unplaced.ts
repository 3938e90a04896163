/**
 * The form's general error, followed by problems about fields the form does not show (a record's status, a
 * workflow step's state), so that no refusal goes unsaid.
 */
export function withUnplaced(error: string, fieldErrors: Record<string, string>, shown: (field: string) => boolean): string {
  const rest = Object.entries(fieldErrors)
    .filter(([field]) => !shown(field))
    .map(([, message]) => message);
  return rest.length ? rest.join(' ') : error;
}
