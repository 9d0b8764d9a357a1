import { type FieldMetadata, type FormMetadata, getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormErrors } from "./field";
import { SubmitButton } from "./submit-button";

/**
 * The form behind a one-time link (an invitation, a password reset): the
 * link's token, the account's email for password managers, and the new
 * password twice. The pages differ only in what they say around it.
 */
export function LinkPasswordForm<Schema extends Record<string, unknown>, P, C>(props: {
  form: FormMetadata<Schema, string[]>;
  fields: { password: FieldMetadata<P, Schema, string[]>; confirmPassword: FieldMetadata<C, Schema, string[]> };
  token: string;
  email: string;
  submitLabel: string;
}) {
  const { form, fields, token, email, submitLabel } = props;
  return (
    <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field
        label="New password"
        autoComplete="new-password"
        errors={fields.password.errors}
        errorId={fields.password.errorId}
        {...getInputProps(fields.password, { type: "password" })}
      />
      <Field
        label="New password again"
        autoComplete="new-password"
        errors={fields.confirmPassword.errors}
        errorId={fields.confirmPassword.errorId}
        {...getInputProps(fields.confirmPassword, { type: "password" })}
      />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
