// Placeholder: this page is being written (browser-application issue).

import { PageTitle } from "../ui";

export function ProposalPage({ groupId, measureId }: { groupId: string; measureId: string }) {
  void arguments;
  return <PageTitle title="ProposalPage" />;
}
