/** A domain rule refused the input; the route shows each message beside its field (400). */
export class FieldValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors).flat().join(" "));
  }
}

export function fieldError(field: string, message: string): FieldValidationError {
  return new FieldValidationError({ [field]: [message] });
}
