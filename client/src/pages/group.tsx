// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function GroupPage({ groupId }: { groupId: string }) {
  void arguments;
  return <PageTitle title="GroupPage" />;
}
