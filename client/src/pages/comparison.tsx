// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function ComparisonPage({ query }: { query: URLSearchParams }) {
  void arguments;
  return <PageTitle title="ComparisonPage" />;
}
