import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { program } from "#db/schema";
import { getOptionalUser } from "./auth/require.server";
import { navigationFor } from "./components/navigation";
import { db } from "./db.server";
import { unreadCount } from "./notifications/centre.server";
import { withHomeCounts } from "./home/nav-counts.server";
import { readToast } from "./utils/toast.server";

export async function rootLoader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  // The programme's name is shown in the header to signed-in users only.
  const name = user ? db.select({ name: program.name }).from(program).limit(1).get()?.name : undefined;
  const { toast, clear } = readToast(request);
  return data(
    {
      user: user ? { name: user.name, email: user.email, role: user.role } : null,
      programName: name ?? "Rampart",
      navigation: user ? withHomeCounts(db, user, navigationFor(user.role)) : [],
      unreadNotifications: user ? unreadCount(db, user.id) : 0,
      toast,
    },
    { headers: clear ? { "Set-Cookie": clear } : {} },
  );
}
