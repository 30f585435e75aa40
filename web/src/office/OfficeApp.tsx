import { PageHeading } from '../components/ui.tsx';

export default function OfficeApp() {
  return <PageHeading office>Office</PageHeading>;
}
