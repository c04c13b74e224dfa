// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function ReplayPage({ query }: { query: URLSearchParams }) {
  void arguments;
  return <PageTitle title="ReplayPage" />;
}
