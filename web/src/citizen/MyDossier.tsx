import { PageHeading } from '../components/ui.tsx';

export default function MyDossierPage() {
  return <PageHeading>MyDossier</PageHeading>;
}
