// A failed request, said plainly, with a way to try again.
import { apiErrors, describeApiError } from '../lib/errors';

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorNotice({ error, title = 'This could not be loaded.', onRetry }: Props) {
  const messages = [...new Set(apiErrors(error).map(describeApiError))];
  return (
    <div role="alert" className="error-notice">
      <strong>{title}</strong>
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
