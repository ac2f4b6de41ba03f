// A page the viewer's role does not open (the admin page for a non-administrator).
import { Link } from 'react-router';

export function NotAllowedPage() {
  return (
    <>
      <h1>Not allowed</h1>
      <p role="alert">
        This page is for administrators only, and your account is not one. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
