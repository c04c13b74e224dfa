// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function MeasurePage({ measureId }: { measureId: string }) {
  void arguments;
  return <PageTitle title="MeasurePage" />;
}
