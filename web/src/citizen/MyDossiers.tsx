import { PageHeading } from '../components/ui.tsx';

export default function MyDossiersPage() {
  return <PageHeading>MyDossiers</PageHeading>;
}
