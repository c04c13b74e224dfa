// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function PlenaryPage({ conferenceId }: { conferenceId: string }) {
  void arguments;
  return <PageTitle title="PlenaryPage" />;
}
