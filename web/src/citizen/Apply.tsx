import { PageHeading } from '../components/ui.tsx';

export default function ApplyPage() {
  return <PageHeading>Apply</PageHeading>;
}
