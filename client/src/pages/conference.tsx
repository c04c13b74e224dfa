// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function ConferencePage({ conferenceId }: { conferenceId: string }) {
  void arguments;
  return <PageTitle title="ConferencePage" />;
}
