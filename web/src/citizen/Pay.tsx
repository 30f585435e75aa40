import { PageHeading } from '../components/ui.tsx';

export default function PayPage() {
  return <PageHeading>Pay</PageHeading>;
}
