import { Link } from "@remix-run/react";

/** Under a panel that shows its first rows only: how many there are in all, and where the full list is. */
export function SeeAll({ shown, total, href, noun }: { shown: number; total: number; href: string; noun: string }) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm" data-testid={`see-all-${noun.replace(/\s+/g, "-")}`}>
      Showing {shown} of {total} {noun} (those needing attention first). <Link to={href}>See all {noun}</Link>
    </p>
  );
}
