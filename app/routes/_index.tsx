import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { homePathFor } from "~/auth/permissions";
import { requireUser } from "~/auth/require.server";

export const access = defineAccess({ loader: "signed-in" });

/** `/` sends each role home (homePathFor): the executive's inbox, the lead's work, the CISO office's waiting list, the board's reports. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  throw redirect(homePathFor(user.role));
}
